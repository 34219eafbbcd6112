/* test_platform.c: the system calls behind platform.h keep what the core relies on: an atomic
 * replace, locks that exclude, owner-only files, and the data folder's place. The same file runs
 * on Windows under Wine (tests/windows/unit.sh): POSIX-only cases (symlinks, Unix modes, ptys)
 * are left out there, and Windows has its own cases where its rule differs (ACLs). */
#include "testlib.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#ifndef _WIN32
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#else
#include <aclapi.h>
#include <io.h>
#include <process.h>
#endif

#include "import.h"
#include "platform.h"
#include "staff.h"

#ifdef _WIN32
/* The current user's SID, in buf. */
static PSID
user_sid(char *buf, DWORD size)
{
	HANDLE token;
	DWORD len;
	assert_true(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token));
	assert_true(GetTokenInformation(token, TokenUser, buf, size, &len));
	CloseHandle(token);
	return ((TOKEN_USER *)buf)->User.Sid;
}

/* Whether sid is one of the system's own accounts, which may read every file anyway. */
static bool
system_sid(PSID sid)
{
	char buf[SECURITY_MAX_SID_SIZE];
	DWORD n = sizeof buf;
	if (CreateWellKnownSid(WinLocalSystemSid, NULL, buf, &n) && EqualSid(sid, buf))
		return true;
	n = sizeof buf;
	return CreateWellKnownSid(WinBuiltinAdministratorsSid, NULL, buf, &n) && EqualSid(sid, buf);
}

/* The file's DACL, read back: the owner is allowed, nobody else but SYSTEM and Administrators
 * is; on Windows itself it is also protected from inheritance (Wine makes the DACL it shows
 * from the Unix mode it set, which has no such flag, and adds SYSTEM). */
static void
assert_owner_only_acl(const char *path)
{
	wchar_t *w = test_wide(path);
	PACL dacl = NULL;
	PSECURITY_DESCRIPTOR sd = NULL;
	SECURITY_DESCRIPTOR_CONTROL control = 0;
	DWORD revision, rc;
	char buf[256];
	void *ace;
	bool owner = false;
	rc = GetNamedSecurityInfoW(w, SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, NULL, NULL, &dacl,
				   NULL, &sd);
	free(w);
	if (rc != ERROR_SUCCESS)
		fail_msg("GetNamedSecurityInfoW %s: %lu", path, (unsigned long)rc);
	assert_non_null(dacl);
	for (DWORD i = 0; i < dacl->AceCount; i++) {
		assert_true(GetAce(dacl, i, &ace));
		assert_int_equal(((ACE_HEADER *)ace)->AceType, ACCESS_ALLOWED_ACE_TYPE);
		PSID sid = &((ACCESS_ALLOWED_ACE *)ace)->SidStart;
		if (EqualSid(sid, user_sid(buf, sizeof buf)))
			owner = true;
		else if (!system_sid(sid))
			fail_msg("%s: entry %lu allows someone else", path, (unsigned long)i);
	}
	assert_true(owner);
	assert_true(GetSecurityDescriptorControl(sd, &control, &revision));
	if (GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version") == NULL)
		assert_true(control & SE_DACL_PROTECTED);
	LocalFree(sd);
}
#endif

static void
write_text(const char *path, const char *text)
{
	struct err e = {0};
	if (file_write_atomic(path, text, strlen(text), &e) != ST_OK)
		fail_msg("%s", e.msg);
}

static void
assert_text(const char *path, const char *text)
{
	size_t len;
	char *data = test_file(path, &len);
	assert_int_equal(len, strlen(text));
	assert_memory_equal(data, text, len);
	free(data);
}

/* The new file takes the name in one step, and the old one stays when the replace fails. */
static void
test_replace_file(void **state)
{
	const char *dir = *state;
	char *to = xasprintf("%s/report.json", dir), *from = xasprintf("%s/new", dir);
	char *missing = xasprintf("%s/no-such-file", dir), *sub = xasprintf("%s/folder", dir);

	write_text(to, "old");
	write_text(from, "new");
	assert_int_equal(plat_replace_file(from, to), 0);
	assert_text(to, "new");
	assert_false(plat_exists(from));
	/* Replaced again, over the file just moved there (msvcrt's rename would refuse). */
	write_text(from, "newer");
	assert_int_equal(plat_replace_file(from, to), 0);
	assert_text(to, "newer");
	write_text(from, "new");
	assert_int_equal(plat_replace_file(from, to), 0);

	/* Nothing to move: the destination is left as it was. */
	assert_int_equal(plat_replace_file(missing, to), -1);
	assert_int_equal(errno, ENOENT);
	assert_text(to, "new");
	/* A folder in the way is not replaced by a file, and the file stays where it was. */
	assert_int_equal(plat_make_dir(sub), 0);
	write_text(from, "other");
	assert_int_equal(plat_replace_file(from, sub), -1);
	assert_text(from, "other");

#ifdef _WIN32
	/* Held open by a program that shares nothing (Excel with a workbook): refused as busy, the
	 * file left as it was, and the writer's message says to close it there. */
	int wn = MultiByteToWideChar(CP_UTF8, 0, to, -1, NULL, 0);
	wchar_t *wto = xcalloc((size_t)wn, sizeof *wto);
	MultiByteToWideChar(CP_UTF8, 0, to, -1, wto, wn);
	HANDLE held = CreateFileW(wto, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	assert_true(held != INVALID_HANDLE_VALUE);
	write_text(from, "while held");
	assert_int_equal(plat_replace_file(from, to), -1);
	assert_int_equal(errno, EBUSY);
	struct file_temp ft;
	struct err e;
	assert_int_equal(file_temp_open(&ft, to, 0644, &e), ST_OK);
	assert_int_equal(file_temp_write(&ft, "x", 1, &e), ST_OK);
	assert_int_equal(file_temp_commit(&ft, false, &e), ST_ENV);
	assert_non_null(strstr(e.msg, "tệp đang mở trong một chương trình khác"));
	CloseHandle(held);
	free(wto);
	assert_text(to, "new");
	assert_int_equal(plat_replace_file(from, to), 0);
	assert_text(to, "while held");
	write_text(from, "other");
	write_text(to, "new");
#endif
	/* Without replacing: refused when the name is taken, even by a dangling symlink. */
	assert_int_equal(plat_rename_new(from, to), -1);
	assert_int_equal(errno, EEXIST);
	assert_text(to, "new");
	assert_text(from, "other");
	char *dangling = xasprintf("%s/dangling", dir);
#ifndef _WIN32
	assert_int_equal(symlink(missing, dangling), 0);
	assert_int_equal(plat_rename_new(from, dangling), -1);
	assert_int_equal(errno, EEXIST);
	assert_int_equal(access(missing, F_OK), -1);
#endif
	char *fresh = xasprintf("%s/fresh", dir);
	assert_int_equal(plat_rename_new(from, fresh), 0);
	assert_text(fresh, "other");
	free(to), free(from), free(missing), free(sub), free(dangling), free(fresh);
}

/* plat_create_new never opens what is already there, a symlink least of all. */
static void
test_create_new(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/key", dir), *link = xasprintf("%s/link", dir);
	struct stat st;
#ifndef _WIN32
	mode_t old = umask(022);
#endif

	int fd = plat_create_new(path, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "k", 1), 1);
	assert_int_equal(plat_sync_data(fd), 0);
	assert_int_equal(plat_sync_file(fd), 0);
	close(fd);
	assert_int_equal(plat_lstat(path, &st), 0);
	assert_int_equal(st.st_size, 1);
#ifndef _WIN32
	assert_int_equal(st.st_mode & 0777, 0600);
#else
	assert_owner_only_acl(path);
#endif
	assert_int_equal(plat_create_new(path, 0600), -1);
	assert_int_equal(errno, EEXIST);
#ifndef _WIN32
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(plat_create_new(link, 0600), -1);
	assert_int_equal(errno, EEXIST);
#endif
	assert_text(path, "k");
	plat_sync_dir(dir); /* nothing to see, but it must not fail on a folder */
#ifndef _WIN32
	umask(old);
#endif
	free(path), free(link);
}

/* The small path questions: stat follows a link and lstat does not, a dangling link is not
 * something that exists, a folder without write permission cannot be written. */
static void
test_paths(void **state)
{
	const char *dir = *state;
	char *file = xasprintf("%s/f", dir), *link = xasprintf("%s/l", dir);
	char *dangling = xasprintf("%s/d", dir), *ro = xasprintf("%s/ro", dir);
	struct stat st;
	write_text(file, "abc");
#ifndef _WIN32
	assert_int_equal(symlink(file, link), 0);
	assert_int_equal(symlink("no-such", dangling), 0);
	assert_int_equal(plat_stat(link, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_size, 3);
	assert_int_equal(plat_lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_false(plat_exists(dangling));
#else
	/* No symbolic links to make without privileges: the "link" is a second file. */
	write_text(link, "link");
	assert_int_equal(plat_stat(file, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_size, 3);
	assert_false(plat_exists(dangling));
#endif
	assert_true(plat_exists(file));
	assert_true(plat_can_write(dir));
	assert_int_equal(plat_make_dir(ro), 0);
	assert_int_equal(plat_stat(ro, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
#ifndef _WIN32
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(chmod(ro, 0500), 0);
	if (geteuid() != 0) /* root writes anywhere */
		assert_false(plat_can_write(ro));
	assert_int_equal(chmod(ro, 0700), 0);
#else
	assert_owner_only_acl(ro);
	assert_true(plat_can_write(ro));
#endif
	struct plat_dir *d = plat_dir_open(dir, false);
	assert_non_null(d);
	plat_dir_close(d);
	assert_null(plat_dir_open(link, false)); /* a file is no folder */
	assert_int_equal(errno, ENOTDIR);
	assert_null(plat_dir_open(dangling, false));
	assert_int_equal(errno, ENOENT);
	assert_int_equal(plat_remove(link), 0);
	assert_true(plat_exists(file)); /* the link went, not its target */
	assert_int_equal(plat_remove(link), -1);
	assert_int_equal(errno, ENOENT);
	free(file), free(link), free(dangling), free(ro);
}

/* A file past 4 GB (sparse: nothing is written before its last byte) has its size in full:
 * Windows' struct stat cut it to 32 bits, and a 2 GB database read as empty. */
static void
test_large_size(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/big", dir);
	const long long size = (5LL << 30) + 1;
	struct stat st;
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
#ifdef _WIN32
	int sought = _fseeki64(f, size - 1, SEEK_SET);
#else
	int sought = fseeko(f, (off_t)(size - 1), SEEK_SET);
#endif
	if (sought != 0 || fputc('x', f) == EOF) {
		fclose(f);
		skip(); /* a file system without sparse files, or too small */
	}
	assert_int_equal(fclose(f), 0);
	assert_int_equal(plat_stat(path, &st), 0);
	assert_true((long long)st.st_size == size);
	assert_int_equal(plat_remove(path), 0);
	free(path);
}

/* The folders of a path (the file choosers' "..", the folder a chosen file is kept by): a root
 * has no parent and is its own folder; on Windows '\\' separates too, after a drive. */
static void
test_dir_names(void **state)
{
	(void)state;
	static const struct {
		const char *path, *dir, *parent;
	} cases[] = {
	    {"/", "/", NULL},
	    {"/a", "/", "/"},
	    {"/a/b", "/a", "/a"},
	    {"/a/b/", "/a", "/a"},
	    {"/a//b", "/a", "/a"},
	    {"b", ".", "."},
#ifdef _WIN32
	    {"E:\\", "E:\\", NULL},
	    {"E:/", "E:/", NULL},
	    {"E:\\goi", "E:\\", "E:\\"},
	    {"E:\\goi\\", "E:\\", "E:\\"},
	    {"E:\\Báo cáo\\2025/bao-cao.xhht", "E:\\Báo cáo\\2025", "E:\\Báo cáo\\2025"},
	    {"C:\\a\\b", "C:\\a", "C:\\a"},
#else
	    {"/a\\b", "/", "/"}, /* on Linux a backslash is part of a name */
#endif
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *dir = plat_dir_name(cases[i].path), *parent = plat_parent_dir(cases[i].path);
		if (strcmp(dir, cases[i].dir) != 0)
			fail_msg("plat_dir_name(%s) = %s, not %s", cases[i].path, dir,
				 cases[i].dir);
		if (cases[i].parent == NULL
			? parent != NULL
			: parent == NULL || strcmp(parent, cases[i].parent) != 0)
			fail_msg("plat_parent_dir(%s) = %s", cases[i].path,
				 parent ? parent : "NULL");
		free(dir);
		free(parent);
	}
	assert_true(plat_is_separator('/'));
#ifdef _WIN32
	assert_true(plat_is_separator('\\'));
#else
	assert_false(plat_is_separator('\\'));
#endif
}

/* Owner-only gives 0600, whatever the file had; on Windows a protected DACL with one entry, the
 * owner's, whatever the folder would have it inherit. */
static void
test_owner_only(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/secret", dir);
	struct stat st;
	write_text(path, "s");
#ifndef _WIN32
	char who[128] = "";
	assert_int_equal(chmod(path, 0640), 0);
	int fd0 = plat_open_read(path);
	assert_true(plat_open_to_others(fd0, who, sizeof who));
	assert_string_equal(who, "0640");
	close(fd0);
	assert_int_equal(chmod(path, 0666), 0);
	assert_int_equal(plat_owner_only(path), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	int fd = plat_open_read(path);
	assert_true(fd >= 0);
	assert_true(plat_fs_keeps_modes(fd)); /* the test folder is no FAT stick */
	assert_false(plat_open_to_others(fd, who, sizeof who));
	close(fd);
#else
	assert_int_equal(plat_owner_only(path), 0);
	assert_int_equal(plat_stat(path, &st), 0);
	assert_owner_only_acl(path);
	assert_text(path, "s"); /* the owner still reads it */
#endif
	assert_false(plat_fs_read_only(dir));
	free(path);
}

#ifdef _WIN32
/* Gives the file a protected DACL: the owner, and each of the well-known accounts of others,
 * with the access given (SetFileSecurityW, which Wine turns into the Unix mode). */
static void
set_dacl(const char *path, const WELL_KNOWN_SID_TYPE *others, size_t n, DWORD access)
{
	char user[256], sids[4][SECURITY_MAX_SID_SIZE];
	EXPLICIT_ACCESS_W ea[5] = {{0}};
	PACL acl = NULL;
	SECURITY_DESCRIPTOR sd;
	assert_true(n < 5);
	for (size_t i = 0; i <= n; i++) {
		ea[i].grfAccessPermissions = i == 0 ? FILE_ALL_ACCESS : access;
		ea[i].grfAccessMode = SET_ACCESS;
		ea[i].Trustee.TrusteeForm = TRUSTEE_IS_SID;
		if (i == 0)
			ea[i].Trustee.ptstrName = (LPWSTR)user_sid(user, sizeof user);
		else {
			DWORD size = SECURITY_MAX_SID_SIZE;
			assert_true(CreateWellKnownSid(others[i - 1], NULL, sids[i - 1], &size));
			ea[i].Trustee.ptstrName = (LPWSTR)sids[i - 1];
		}
	}
	assert_int_equal(SetEntriesInAclW((ULONG)n + 1, ea, NULL, &acl), ERROR_SUCCESS);
	assert_true(InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION));
	assert_true(SetSecurityDescriptorDacl(&sd, TRUE, acl, FALSE));
	assert_true(SetSecurityDescriptorControl(&sd, SE_DACL_PROTECTED, SE_DACL_PROTECTED));
	wchar_t *w = test_wide(path);
	assert_true(SetFileSecurityW(w, DACL_SECURITY_INFORMATION, &sd));
	free(w);
	LocalFree(acl);
}

/* The key check on Windows reads the key file's DACL: refused, with the account named and the
 * fix (icacls), when anyone but the owner, SYSTEM and Administrators may read it; taken once
 * owner-only, or created so. */
static void
test_key_acl(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/unit-BVDKM.key", dir), *made = xasprintf("%s/new.key", dir);
	char *data = NULL;
	size_t len;
	struct err e = {0};
	static const WELL_KNOWN_SID_TYPE everyone[] = {WinWorldSid};
	static const WELL_KNOWN_SID_TYPE system[] = {WinLocalSystemSid,
						     WinBuiltinAdministratorsSid};

	write_text(path, "key"); /* as the folder gives it: Everyone reads (Wine: mode 0644) */
	assert_int_equal(file_read_secret(path, 1024, &data, &len, &e), ST_ENV);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "Everyone"));
	assert_non_null(strstr(e.msg, "icacls"));
	assert_int_equal(plat_owner_only(path), 0);
	assert_int_equal(file_read_secret(path, 1024, &data, &len, &e), ST_OK);
	assert_int_equal(len, 3);
	assert_memory_equal(data, "key", 3);
	free(data);

	set_dacl(path, everyone, 1, FILE_GENERIC_READ);
	e = (struct err){0};
	assert_int_equal(file_read_secret(path, 1024, &data, &len, &e), ST_ENV);
	assert_non_null(strstr(e.msg, "Everyone"));
	set_dacl(path, system, 2, FILE_ALL_ACCESS);
	assert_int_equal(file_read_secret(path, 1024, &data, &len, &e), ST_OK);
	free(data);

	int fd = plat_create_new(made, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "k", 1), 1);
	close(fd);
	assert_int_equal(file_read_secret(made, 1024, &data, &len, &e), ST_OK);
	free(data);
	free(path), free(made);
}
#endif

/* A folder and a file with Vietnamese names are listed by their UTF-8 names (MinGW's readdir
 * would give them in the ANSI code page, "?" for what it lacks), "." and ".." left out; the
 * importer's walk finds the file through them. */
static void
test_list_dir(void **state)
{
	const char *dir = *state;
	char *sub = xasprintf("%s/Báo cáo", dir), *file = xasprintf("%s/Báo cáo Đào.xhht", sub);
	char *other = xasprintf("%s/a.txt", sub);
	assert_int_equal(plat_make_dir(sub), 0);
	write_text(file, "gói");
	write_text(other, "a");
	/* A folder named with a separator at its end, as a shell's completion gives it. */
	char *sub_slash = xasprintf("%s/", sub);
	struct stat st;
	assert_int_equal(plat_stat(sub_slash, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
#ifdef _WIN32
	char *sub_backslash = xasprintf("%s\\", sub);
	assert_int_equal(plat_stat(sub_backslash, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	free(sub_backslash);
#endif
	free(sub_slash);
	struct plat_dir *d = plat_dir_open(dir, true);
	assert_non_null(d);
	assert_string_equal(plat_dir_next(d), "Báo cáo");
	assert_null(plat_dir_next(d));
	plat_dir_close(d);
	bool seen_file = false, seen_other = false;
	const char *name;
	d = plat_dir_open(sub, false);
	assert_non_null(d);
	while ((name = plat_dir_next(d)) != NULL) {
		if (strcmp(name, "Báo cáo Đào.xhht") == 0)
			seen_file = true;
		else if (strcmp(name, "a.txt") == 0)
			seen_other = true;
		else
			fail_msg("unexpected name \"%s\"", name);
	}
	plat_dir_close(d);
	assert_true(seen_file && seen_other);
	assert_text(file, "gói");
	assert_int_equal(import_count_files(dir), 2);
	free(sub), free(file), free(other);
}

/* A second taker of the lock (another descriptor, as another process would have) is refused
 * with EWOULDBLOCK while the first holds it, and gets it once it is released. */
static void
test_lock_excludes(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/lock", dir);
	write_text(path, "");
	int a = plat_open_read(path), b = plat_open_read(path);
	assert_true(a >= 0 && b >= 0);

	assert_int_equal(plat_lock_file(a, PLAT_LOCK_EXCLUSIVE), 0);
	assert_int_equal(plat_lock_file(b, PLAT_LOCK_EXCLUSIVE), -1);
	assert_int_equal(errno, EWOULDBLOCK);
	assert_int_equal(plat_lock_file(b, PLAT_LOCK_SHARED), -1);
	assert_int_equal(errno, EWOULDBLOCK);
	assert_int_equal(plat_lock_file(a, PLAT_UNLOCK), 0);

	/* Shared takers share; an exclusive one waits for them all. */
	assert_int_equal(plat_lock_file(a, PLAT_LOCK_SHARED), 0);
	assert_int_equal(plat_lock_file(b, PLAT_LOCK_SHARED), 0);
	int c = plat_open_read(path);
	assert_int_equal(plat_lock_file(c, PLAT_LOCK_EXCLUSIVE), -1);
	close(a);
	assert_int_equal(plat_lock_file(c, PLAT_LOCK_EXCLUSIVE), -1);
	close(b);
	assert_int_equal(plat_lock_file(c, PLAT_LOCK_EXCLUSIVE), 0);
	close(c);
	free(path);
}

#ifndef _WIN32
/* The data home follows XDG_DATA_HOME (absolute only), then HOME, as before; store_data_dir
 * puts --data and XHHT_DATA before it (test_store's test_data_dir_precedence). */
static void
test_data_home(void **state)
{
	(void)state;
	static const struct {
		const char *xdg, *home, *want;
	} cases[] = {
	    {"/x", "/h", "/x/xhht"},
	    {"x", "/h", "/h/.local/share/xhht"},
	    {"", "/h", "/h/.local/share/xhht"},
	    {NULL, "/h", "/h/.local/share/xhht"},
	    {NULL, "h", NULL},
	    {NULL, NULL, NULL},
	};
	const char *v = getenv("XDG_DATA_HOME"), *h = getenv("HOME");
	char *saved_xdg = v ? xstrdup(v) : NULL, *saved_home = h ? xstrdup(h) : NULL;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		if (cases[i].xdg)
			setenv("XDG_DATA_HOME", cases[i].xdg, 1);
		else
			unsetenv("XDG_DATA_HOME");
		if (cases[i].home)
			setenv("HOME", cases[i].home, 1);
		else
			unsetenv("HOME");
		char *got = plat_data_home("xhht");
		if (cases[i].want == NULL && got != NULL)
			fail_msg("case %zu: gave %s", i, got);
		if (cases[i].want != NULL && (got == NULL || strcmp(got, cases[i].want) != 0))
			fail_msg("case %zu: gave %s, wanted %s", i, got ? got : "NULL",
				 cases[i].want);
		free(got);
	}
	/* XHHT_DATA comes first, then the data home. */
	char *out = NULL;
	struct err e = {0};
	setenv("HOME", "/h", 1);
	setenv("XHHT_DATA", "/e", 1);
	assert_int_equal(store_data_dir(NULL, STORE_CENTRAL, &out, &e), ST_OK);
	assert_string_equal(out, "/e");
	free(out);
	unsetenv("XHHT_DATA");
	assert_int_equal(store_data_dir(NULL, STORE_CENTRAL, &out, &e), ST_OK);
	assert_string_equal(out, "/h/.local/share/xhht-central");
	free(out);
	if (saved_xdg)
		setenv("XDG_DATA_HOME", saved_xdg, 1);
	else
		unsetenv("XDG_DATA_HOME");
	if (saved_home)
		setenv("HOME", saved_home, 1);
	else
		unsetenv("HOME");
	free(saved_xdg), free(saved_home);
}
#else
/* The data home is %LOCALAPPDATA%\xhht, read in UTF-8 (a Vietnamese user name is in it), none
 * without it; or "du-lieu" beside the program run from a stick (xhht-portable there). */
static void
test_data_home(void **state)
{
	(void)state;
	const char *v = getenv("LOCALAPPDATA");
	char *saved = v ? xstrdup(v) : NULL;
	test_setenv("LOCALAPPDATA", "C:\\Users\\Đào Thị Hà\\AppData\\Local");
	char *got = plat_data_home("xhht");
	assert_non_null(got);
	assert_string_equal(got, "C:\\Users\\Đào Thị Hà\\AppData\\Local\\xhht");
	free(got);
	test_setenv("LOCALAPPDATA", NULL);
	assert_null(plat_data_home("xhht"));

	/* Run from a stick: a file xhht-portable beside the program puts the data in "du-lieu" there,
	 * before LOCALAPPDATA (the test program stands for xhht.exe). */
	wchar_t exe[MAX_PATH];
	DWORD n = GetModuleFileNameW(NULL, exe, MAX_PATH);
	assert_true(n > 0 && n < MAX_PATH);
	*wcsrchr(exe, L'\\') = L'\0';
	char here[4 * MAX_PATH];
	assert_true(WideCharToMultiByte(CP_UTF8, 0, exe, -1, here, sizeof here, NULL, NULL) > 0);
	char *marker = xasprintf("%s\\xhht-portable", here), *want = xasprintf("%s\\du-lieu", here);
	char *want_central = xasprintf("%s\\du-lieu-xhht-central", here);
	write_text(marker, "");
	test_setenv("LOCALAPPDATA", "C:\\Users\\Hà\\AppData\\Local");
	char *portable = plat_data_home("xhht"), *central = plat_data_home("xhht-central");
	plat_remove(marker);
	assert_string_equal(portable, want);
	assert_string_equal(central, want_central);
	free(portable), free(central);
	/* XHHT_DATA still comes first; without the marker, LOCALAPPDATA again. */
	char *out = NULL;
	struct err e = {0};
	write_text(marker, "");
	test_setenv("XHHT_DATA", "E:\\khác");
	enum status rc = store_data_dir(NULL, STORE_UNIT, &out, &e);
	test_setenv("XHHT_DATA", NULL);
	plat_remove(marker);
	assert_int_equal(rc, ST_OK);
	assert_string_equal(out, "E:\\khác");
	free(out);
	got = plat_data_home("xhht");
	assert_string_equal(got, "C:\\Users\\Hà\\AppData\\Local\\xhht");
	free(got);
	free(marker), free(want), free(want_central);
	test_setenv("LOCALAPPDATA", saved);
	free(saved);
}
#endif

/* Environment values come in UTF-8 (on Windows through _wgetenv: getenv would give the ANSI
 * code page, "D?? li?u"), as copies; the data folder and the staff's name read them so. */
static void
test_getenv_utf8(void **state)
{
	(void)state;
	static const char *const names[] = {"XHHT_DATA", "USER", "LOGNAME", "USERNAME"};
	char *saved[ARRAY_LEN(names)];
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		saved[i] = plat_getenv(names[i]);
	test_setenv("XHHT_DATA", "D:/Dữ liệu");
	char *v = plat_getenv("XHHT_DATA");
	assert_string_equal(v, "D:/Dữ liệu");
	free(v);
	char *out = NULL;
	struct err e = {0};
	assert_int_equal(store_data_dir(NULL, STORE_CENTRAL, &out, &e), ST_OK);
	assert_string_equal(out, "D:/Dữ liệu");
	free(out);
	test_setenv("XHHT_DATA", NULL);
	assert_null(plat_getenv("XHHT_DATA"));
	test_setenv("USER", NULL);
	test_setenv("LOGNAME", NULL);
	test_setenv("USERNAME", "Đào Thị Hà");
	assert_string_equal(staff_name(), "Đào Thị Hà");
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		test_setenv(names[i], saved[i]);
		free(saved[i]);
	}
}

/* The small ones: terminal, process, randomness, time. */
static void
test_process_and_time(void **state)
{
	(void)state;
#ifndef _WIN32
	int fd = open("/dev/null", O_RDONLY);
	assert_int_equal(plat_pid(), (long)getpid());
#else
	int fd = open("NUL", O_RDONLY); /* msvcrt's isatty says yes to NUL */
	assert_int_equal(plat_pid(), (long)_getpid());
#endif
	assert_false(plat_is_tty(fd));
	close(fd);
	assert_true(plat_process_alive(plat_pid()));
	/* A pid beyond pid_max (4194304 at most on Linux) names no process. */
	assert_false(plat_process_alive(99999999L));
	unsigned char a[16] = {0}, b[16] = {0};
	assert_true(plat_random(a, sizeof a));
	assert_true(plat_random(b, sizeof b));
	assert_memory_not_equal(a, b, sizeof a);

	struct tm tm = {.tm_year = 124, .tm_mon = 1, .tm_mday = 29, .tm_hour = 23, .tm_min = 30};
	time_t t = plat_timegm(&tm);
	assert_int_equal((long long)t, 1709249400LL);
	struct tm back;
	t += 3600;
	assert_non_null(plat_gmtime(&t, &back));
	assert_int_equal(back.tm_mon, 2);
	assert_int_equal(back.tm_mday, 1);
	assert_int_equal(back.tm_hour, 0);
	assert_non_null(plat_localtime(&t, &back));
	plat_sleep_ms(1);
}

#ifndef _WIN32
/* In a terminal of its own (a pty), a child asks for a line with the input hidden: the prompt
 * shows, what is typed does not, and the child gets it whole; after restore, typing shows. */
static void
test_tty_hidden(void **state)
{
	(void)state;
	int master;
	pid_t pid = forkpty(&master, NULL, NULL, NULL);
	assert_true(pid >= 0);
	if (pid == 0) {
		struct plat_tty *t = plat_tty_open();
		char c, line[64];
		size_t n = 0;
		if (t == NULL)
			_exit(3);
		plat_tty_write(t, "P:", 2);
		if (!plat_tty_hide_input(t))
			_exit(4);
		while (plat_tty_getc(t, &c) && c != '\n' && n < sizeof line - 1)
			line[n++] = c;
		line[n] = '\0';
		plat_tty_restore(t);
		plat_tty_write(t, "[", 1);
		plat_tty_write(t, line, n);
		plat_tty_write(t, "]", 1);
		plat_tty_close(t);
		_exit(0);
	}
	struct buf out;
	buf_init(&out);
	char chunk[256];
	bool typed = false;
	for (int i = 0; i < 200; i++) {
		struct pollfd p = {master, POLLIN, 0};
		if (poll(&p, 1, 50) == 1) {
			ssize_t r = read(master, chunk, sizeof chunk);
			if (r <= 0)
				break; /* the child has gone */
			buf_add(&out, chunk, (size_t)r);
		}
		if (!typed && strstr(out.data, "P:") != NULL) {
			plat_sleep_ms(100); /* the child hides the input just after its prompt */
			assert_int_equal(write(master, "mật khẩu\n", strlen("mật khẩu\n")),
					 (ssize_t)strlen("mật khẩu\n"));
			typed = true;
		}
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(master);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("child failed (%d): %s", status, out.data);
	const char *prompt = strstr(out.data, "P:");
	assert_non_null(prompt);
	/* Only the line the child read back, in brackets, holds the passphrase: no echo of it. */
	const char *first = strstr(out.data, "mật khẩu");
	assert_non_null(first);
	assert_true(first > out.data && first[-1] == '[');
	assert_non_null(strstr(out.data, "[mật khẩu]"));
	buf_free(&out);
}

/* Without a terminal (a new session has none) there is nothing to ask. */
static void
test_tty_none(void **state)
{
	(void)state;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		setsid();
		_exit(plat_tty_open() == NULL ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}
#endif

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_replace_file, test_setup_tmp, test_teardown_tmp),
	    cmocka_unit_test_setup_teardown(test_create_new, test_setup_tmp, test_teardown_tmp),
	    cmocka_unit_test_setup_teardown(test_owner_only, test_setup_tmp, test_teardown_tmp),
	    cmocka_unit_test_setup_teardown(test_paths, test_setup_tmp, test_teardown_tmp),
	    cmocka_unit_test_setup_teardown(test_large_size, test_setup_tmp, test_teardown_tmp),
	    cmocka_unit_test(test_dir_names),
	    cmocka_unit_test_setup_teardown(test_list_dir, test_setup_tmp, test_teardown_tmp),
	    cmocka_unit_test_setup_teardown(test_lock_excludes, test_setup_tmp, test_teardown_tmp),
	    cmocka_unit_test(test_data_home),
	    cmocka_unit_test(test_getenv_utf8),
#ifdef _WIN32
	    cmocka_unit_test_setup_teardown(test_key_acl, test_setup_tmp, test_teardown_tmp),
#endif
	    cmocka_unit_test(test_process_and_time),
#ifndef _WIN32
	    cmocka_unit_test(test_tty_hidden),
	    cmocka_unit_test(test_tty_none),
#endif
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
