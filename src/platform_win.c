/* platform_win.c: platform.h on Windows (MinGW-w64): paths in UTF-8 turned into UTF-16 for the
 * wide calls, errors turned into the errno values the core tests. Not built on Linux. */
#ifdef _WIN32
#include "platform.h"

#include <aclapi.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <limits.h>
#include <process.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <windows.h>
#include <winioctl.h>
#include <shellapi.h>
#include <bcrypt.h>
#include <sddl.h>
#include <direct.h>
#include <wchar.h>

#include "util.h"

/* UTF-8 to UTF-16, allocated; NULL (errno EINVAL) for bytes that are not UTF-8. */
static wchar_t *
wide(const char *s)
{
	int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
	if (n <= 0) {
		errno = EINVAL;
		return NULL;
	}
	wchar_t *w = xreallocarray(NULL, (size_t)n, sizeof *w);
	MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
	return w;
}

/* UTF-16 to UTF-8, allocated (NULL when it cannot be). */
static char *
narrow(const wchar_t *w)
{
	int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	if (n <= 0)
		return NULL;
	char *s = xmalloc((size_t)n);
	WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
	return s;
}

/* The errno a POSIX call would have set for the last Windows error. */
static int
fail_errno(void)
{
	switch (GetLastError()) {
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND:
		errno = ENOENT;
		break;
	case ERROR_FILE_EXISTS:
	case ERROR_ALREADY_EXISTS:
		errno = EEXIST;
		break;
	case ERROR_ACCESS_DENIED:
		errno = EACCES;
		break;
	case ERROR_SHARING_VIOLATION: /* open in another program */
		errno = EBUSY;
		break;
	case ERROR_WRITE_PROTECT: /* a stick's lock */
		errno = EROFS;
		break;
	case ERROR_INVALID_NAME:
	case ERROR_BAD_PATHNAME:
		errno = EINVAL;
		break;
	case ERROR_FILENAME_EXCED_RANGE:
		errno = ENAMETOOLONG;
		break;
	case ERROR_DIRECTORY:
		errno = ENOTDIR;
		break;
	case ERROR_NOT_SAME_DEVICE:
		errno = EXDEV;
		break;
	case ERROR_LOCK_VIOLATION:
		errno = EWOULDBLOCK;
		break;
	case ERROR_DISK_FULL:
	case ERROR_HANDLE_DISK_FULL:
		errno = ENOSPC;
		break;
	default:
		errno = EIO;
	}
	return -1;
}

/* A CRT descriptor on a handle opened with CreateFileW. */
static int
handle_fd(HANDLE h, int flags)
{
	if (h == INVALID_HANDLE_VALUE)
		return fail_errno();
	int fd = _open_osfhandle((intptr_t)h, flags);
	if (fd < 0)
		CloseHandle(h);
	return fd;
}

static HANDLE
fd_handle(int fd)
{
	return (HANDLE)_get_osfhandle(fd);
}

/* The process's user as its token says, read once: a TOKEN_USER and the SID it points into,
 * in storage aligned as the structure wants (a char array need not be). */
static union {
	TOKEN_USER user;
	unsigned char bytes[sizeof(TOKEN_USER) + SECURITY_MAX_SID_SIZE];
} token_user;
static PSID token_user_sid;

static BOOL CALLBACK
user_sid_read(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
	HANDLE token;
	DWORD len;
	(void)once, (void)param, (void)ctx;
	if (OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) {
		if (GetTokenInformation(token, TokenUser, &token_user, sizeof token_user, &len))
			token_user_sid = token_user.user.User.Sid;
		CloseHandle(token);
	}
	return TRUE;
}

/* This process's user's SID (never freed), or NULL when its token cannot be read. */
static PSID
user_sid(void)
{
	static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
	InitOnceExecuteOnce(&once, user_sid_read, NULL, NULL);
	return token_user_sid;
}

/* A DACL granting the current user everything and nobody else anything, protected from the
 * folder's inherited entries: the owner-only 0600/0700 of Windows. Folders pass it on to what
 * is created in them. */
static PACL
owner_only_acl(void)
{
	PSID sid = user_sid();
	PACL acl = NULL;
	if (sid == NULL)
		return NULL;
	EXPLICIT_ACCESS_W ea = {0};
	ea.grfAccessPermissions = FILE_ALL_ACCESS;
	ea.grfAccessMode = SET_ACCESS;
	ea.grfInheritance = SUB_CONTAINERS_AND_OBJECTS_INHERIT;
	ea.Trustee.TrusteeForm = TRUSTEE_IS_SID;
	ea.Trustee.TrusteeType = TRUSTEE_IS_USER;
	ea.Trustee.ptstrName = (LPWSTR)sid;
	if (SetEntriesInAclW(1, &ea, NULL, &acl) != ERROR_SUCCESS)
		acl = NULL;
	return acl;
}

/* sd made the owner-only descriptor (its DACL in *acl, for LocalFree); false with errno set. */
static bool
owner_only_sd(SECURITY_DESCRIPTOR *sd, PACL *acl)
{
	if ((*acl = owner_only_acl()) != NULL &&
	    InitializeSecurityDescriptor(sd, SECURITY_DESCRIPTOR_REVISION) &&
	    SetSecurityDescriptorDacl(sd, TRUE, *acl, FALSE) &&
	    SetSecurityDescriptorControl(sd, SE_DACL_PROTECTED, SE_DACL_PROTECTED))
		return true;
	fail_errno();
	LocalFree(*acl);
	*acl = NULL;
	return false;
}

/* SetFileSecurityW, not SetNamedSecurityInfoW: the latter merges the parent's inheritable
 * entries back in under Wine (Everyone stayed), the former sets exactly this DACL there too. */
static int
owner_only_w(wchar_t *path)
{
	SECURITY_DESCRIPTOR sd;
	PACL acl;
	if (!owner_only_sd(&sd, &acl))
		return -1;
	int rc = SetFileSecurityW(path, DACL_SECURITY_INFORMATION, &sd) ? 0 : fail_errno();
	LocalFree(acl);
	return rc;
}

int
plat_open_read(const char *path)
{
	wchar_t *w = wide(path);
	int fd = w ? _wopen(w, _O_RDONLY | _O_BINARY | _O_NOINHERIT) : -1;
	free(w);
	return fd;
}

_Static_assert(sizeof(((struct stat *)0)->st_size) == 8,
	       "the Windows builds define _FILE_OFFSET_BITS=64 (Makefile, WIN_BASE_CFLAGS)");

int
plat_stat(const char *path, struct stat *st)
{
	wchar_t *w = wide(path);
	/* msvcrt's stat finds no folder written with a separator at its end ("E:\goi\", as a
	 * shell's completion gives it): dropped, but for a root ("E:\", "\"). */
	size_t n = w ? wcslen(w) : 0;
	while (n > 1 && (w[n - 1] == L'\\' || w[n - 1] == L'/') && w[n - 2] != L':')
		w[--n] = L'\0';
	/* struct stat is struct _stat64 here (the Windows builds define _FILE_OFFSET_BITS=64):
	 * sizes in 64 bits, a database past 2 GB read as it is. */
	int rc = w ? _wstat64(w, st) : -1;
	free(w);
	return rc;
}

int
plat_lstat(const char *path, struct stat *st)
{
	return plat_stat(path, st);
}

bool
plat_exists(const char *path)
{
	wchar_t *w = wide(path);
	bool yes = w != NULL && GetFileAttributesW(w) != INVALID_FILE_ATTRIBUTES;
	free(w);
	return yes;
}

bool
plat_can_write(const char *dir)
{
	/* _waccess(W_OK) reads only the read-only attribute, never the ACL: ask for the right to
	 * add a file to the folder instead. */
	wchar_t *w = wide(dir);
	if (w == NULL)
		return false;
	HANDLE h =
	    CreateFileW(w, FILE_ADD_FILE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE) {
		fail_errno(); /* the caller names why, as access(2)'s errno does */
		return false;
	}
	CloseHandle(h);
	return true;
}

int
plat_remove(const char *path)
{
	wchar_t *w = wide(path);
	int rc = w ? (DeleteFileW(w) ? 0 : fail_errno()) : -1;
	free(w);
	return rc;
}

int
plat_open_untrusted(const char *path, bool nofollow)
{
	wchar_t *w = wide(path);
	if (w == NULL)
		return -1;
	/* With nofollow a link or junction is opened as itself, and refused as not a file. */
	HANDLE h = CreateFileW(w, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
			       OPEN_EXISTING, nofollow ? FILE_FLAG_OPEN_REPARSE_POINT : 0, NULL);
	free(w);
	if (h != INVALID_HANDLE_VALUE && nofollow) {
		BY_HANDLE_FILE_INFORMATION info;
		if (GetFileInformationByHandle(h, &info) &&
		    (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)) {
			CloseHandle(h);
			errno = ELOOP;
			return -1;
		}
	}
	return handle_fd(h, _O_RDONLY | _O_BINARY);
}

int
plat_set_blocking(int fd)
{
	(void)fd; /* Windows files never block on open */
	return 0;
}

struct plat_dir {
	HANDLE find;
	WIN32_FIND_DATAW entry;
	bool have; /* entry holds a name not given yet (FindFirstFileExW's) */
	char *name;
};

struct plat_dir *
plat_dir_open(const char *path, bool nofollow)
{
	size_t n = strlen(path);
	bool sep = n > 0 && (path[n - 1] == '/' || path[n - 1] == '\\');
	char *pattern = xasprintf("%s%s*", path, sep ? "" : "\\");
	wchar_t *w = wide(path), *wp = wide(pattern);
	free(pattern);
	DWORD attr = w ? GetFileAttributesW(w) : INVALID_FILE_ATTRIBUTES;
	struct plat_dir *d = NULL;
	if (w == NULL || wp == NULL)
		errno = EINVAL;
	else if (attr == INVALID_FILE_ATTRIBUTES)
		fail_errno();
	else if (!(attr & FILE_ATTRIBUTE_DIRECTORY))
		errno = ENOTDIR;
	else if (nofollow && (attr & FILE_ATTRIBUTE_REPARSE_POINT))
		errno = ELOOP;
	else {
		d = xcalloc(1, sizeof *d);
		d->find = FindFirstFileExW(wp, FindExInfoBasic, &d->entry, FindExSearchNameMatch,
					   NULL, 0);
		d->have = d->find != INVALID_HANDLE_VALUE;
		/* A drive's root has no "." or "..": an empty one has nothing at all. */
		if (!d->have && GetLastError() != ERROR_FILE_NOT_FOUND) {
			fail_errno();
			free(d);
			d = NULL;
		}
	}
	free(w);
	free(wp);
	return d;
}

const char *
plat_dir_next(struct plat_dir *d)
{
	while (d->have || (d->find != INVALID_HANDLE_VALUE && FindNextFileW(d->find, &d->entry))) {
		d->have = false;
		const wchar_t *n = d->entry.cFileName;
		if (wcscmp(n, L".") == 0 || wcscmp(n, L"..") == 0)
			continue;
		free(d->name);
		if ((d->name = narrow(n)) != NULL)
			return d->name;
	}
	return NULL;
}

void
plat_dir_close(struct plat_dir *d)
{
	if (d == NULL)
		return;
	if (d->find != INVALID_HANDLE_VALUE)
		FindClose(d->find);
	free(d->name);
	free(d);
}

char *
plat_current_dir(void)
{
	wchar_t *w = _wgetcwd(NULL, 0);
	char *s = w ? narrow(w) : NULL;
	free(w);
	return s;
}

int
plat_open_lock(const char *path)
{
	wchar_t *w = wide(path);
	if (w == NULL)
		return -1;
	HANDLE h =
	    CreateFileW(w, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			NULL, OPEN_ALWAYS, FILE_FLAG_OPEN_REPARSE_POINT, NULL);
	free(w);
	return handle_fd(h, _O_RDONLY | _O_BINARY);
}

int
plat_create_new(const char *path, int mode)
{
	wchar_t *w = wide(path);
	SECURITY_DESCRIPTOR sd;
	SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, FALSE};
	PACL acl = NULL;
	if (w == NULL)
		return -1;
	/* A secret is owner-only from its creation, never for a moment readable by others. */
	if ((mode & 077) == 0) {
		if (!owner_only_sd(&sd, &acl)) {
			free(w);
			return -1;
		}
		sa.lpSecurityDescriptor = &sd;
	}
	/* Shared as POSIX files are: a bundle is read back before its handle is closed, and a
	 * temporary file is renamed or removed while open. */
	HANDLE h = CreateFileW(w, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			       &sa, CREATE_NEW, FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, NULL);
	LocalFree(acl);
	free(w);
	return handle_fd(h, _O_WRONLY | _O_BINARY);
}

int
plat_sync_file(int fd)
{
	return FlushFileBuffers(fd_handle(fd)) ? 0 : fail_errno();
}

int
plat_sync_data(int fd)
{
	return plat_sync_file(fd);
}

void
plat_sync_dir(const char *dir)
{
	(void)dir; /* the move was made with MOVEFILE_WRITE_THROUGH; NTFS journals it */
}

static int
move(const char *from, const char *to, DWORD flags)
{
	wchar_t *a = wide(from), *b = wide(to);
	int rc = -1;
	if (a != NULL && b != NULL)
		rc = MoveFileExW(a, b, flags | MOVEFILE_WRITE_THROUGH) ? 0 : fail_errno();
	free(a);
	free(b);
	return rc;
}

/* Whether another program holds the file open without letting it be replaced (Excel keeps a
 * workbook so): asking for delete access, as replacing does, is a sharing violation. */
static bool
held_open(const char *path)
{
	wchar_t *w = wide(path);
	if (w == NULL)
		return false;
	HANDLE h = CreateFileW(w, DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			       NULL, OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT, NULL);
	bool held = h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION;
	if (h != INVALID_HANDLE_VALUE)
		CloseHandle(h);
	free(w);
	return held;
}

int
plat_replace_file(const char *from, const char *to)
{
	if (move(from, to, MOVEFILE_REPLACE_EXISTING) == 0)
		return 0;
	int saved = errno;
	errno = saved == EACCES && held_open(to) ? EBUSY : saved;
	return -1;
}

int
plat_rename_new(const char *from, const char *to)
{
	return move(from, to, 0);
}

int
plat_make_dir(const char *path)
{
	wchar_t *w = wide(path);
	SECURITY_DESCRIPTOR sd;
	SECURITY_ATTRIBUTES sa = {sizeof sa, &sd, FALSE};
	PACL acl = NULL;
	int rc = -1;
	if (w != NULL && owner_only_sd(&sd, &acl))
		rc = CreateDirectoryW(w, &sa) ? 0 : fail_errno();
	LocalFree(acl);
	free(w);
	return rc;
}

int
plat_owner_only(const char *path)
{
	wchar_t *w = wide(path);
	int rc = w ? owner_only_w(w) : -1;
	free(w);
	return rc;
}

bool
plat_fs_keeps_modes(int fd)
{
	(void)fd; /* Windows shows no Unix modes: plat_open_to_others reads the DACL instead */
	return false;
}

/* Whether sid may hold any file: the owner's, this user's, SYSTEM and Administrators. */
static bool
trusted_sid(PSID sid, PSID owner)
{
	static const WELL_KNOWN_SID_TYPE system[] = {WinLocalSystemSid,
						     WinBuiltinAdministratorsSid};
	/* A SID's words are 32-bit: kept aligned for them. */
	union {
		SID sid;
		unsigned char bytes[SECURITY_MAX_SID_SIZE];
	} buf;
	DWORD n;
	if (owner != NULL && EqualSid(sid, owner))
		return true;
	for (size_t i = 0; i < sizeof system / sizeof system[0]; i++) {
		n = sizeof buf;
		if (CreateWellKnownSid(system[i], NULL, &buf, &n) && EqualSid(sid, &buf))
			return true;
	}
	return user_sid() != NULL && EqualSid(sid, user_sid());
}

/* The account's name ("Everyone", "BUILTIN\\Users"), else the SID as text, into who. */
static void
sid_name(PSID sid, char *who, size_t size)
{
	wchar_t name[256], domain[256], *text = NULL;
	DWORD n = 256, d = 256;
	SID_NAME_USE use;
	char *s = NULL;
	if (LookupAccountSidW(NULL, sid, name, &n, domain, &d, &use))
		s = narrow(name);
	else if (ConvertSidToStringSidW(sid, &text)) {
		s = narrow(text);
		LocalFree(text);
	}
	snprintf(who, size, "%s", s != NULL ? s : "?");
	free(s);
}

/* The access to a file's content or its security that a key file gives nobody else. */
#define OTHERS_MUST_NOT                                                                            \
	(FILE_READ_DATA | FILE_WRITE_DATA | FILE_APPEND_DATA | GENERIC_READ | GENERIC_WRITE |      \
	 GENERIC_ALL | WRITE_DAC | WRITE_OWNER)

bool
plat_open_to_others(int fd, char *who, size_t size)
{
	HANDLE h = fd_handle(fd);
	DWORD flags = 0;
	PSID owner = NULL;
	PACL dacl = NULL;
	PSECURITY_DESCRIPTOR sd = NULL;
	/* A FAT or exFAT stick keeps no ACLs: nothing to hold against the file, as on Linux. */
	if (!GetVolumeInformationByHandleW(h, NULL, 0, NULL, NULL, &flags, NULL, 0) ||
	    !(flags & FILE_PERSISTENT_ACLS))
		return false;
	if (GetSecurityInfo(h, SE_FILE_OBJECT,
			    OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &owner, NULL,
			    &dacl, NULL, &sd) != ERROR_SUCCESS) {
		snprintf(who, size, "?");
		return true;
	}
	bool open = false;
	if (dacl == NULL) { /* no DACL: everyone may do anything */
		snprintf(who, size, "Everyone");
		open = true;
	}
	for (DWORD i = 0; !open && dacl != NULL && i < dacl->AceCount; i++) {
		ACE_HEADER *ace;
		if (!GetAce(dacl, i, (void **)&ace) || ace->AceType != ACCESS_ALLOWED_ACE_TYPE ||
		    (ace->AceFlags & INHERIT_ONLY_ACE))
			continue; /* a deny, or an entry only for what is created in a folder */
		ACCESS_ALLOWED_ACE *allow = (ACCESS_ALLOWED_ACE *)ace;
		PSID sid = &allow->SidStart;
		if ((allow->Mask & OTHERS_MUST_NOT) && !trusted_sid(sid, owner)) {
			sid_name(sid, who, size);
			open = true;
		}
	}
	LocalFree(sd);
	return open;
}

bool
plat_fs_read_only(const char *dir)
{
	/* By a handle on the folder, not by the volume's root: GetVolumeInformationW reads the
	 * volume's label even when not asked for it, and Wine then prints a line on stderr. */
	wchar_t *w = wide(dir);
	HANDLE h = w == NULL
		       ? INVALID_HANDLE_VALUE
		       : CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
				     NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
	DWORD flags = 0;
	bool ro = h != INVALID_HANDLE_VALUE &&
		  GetVolumeInformationByHandleW(h, NULL, 0, NULL, NULL, &flags, NULL, 0) &&
		  (flags & FILE_READ_ONLY_VOLUME);
	if (h != INVALID_HANDLE_VALUE)
		CloseHandle(h);
	free(w);
	return ro;
}

int
plat_lock_file(int fd, enum plat_lock how)
{
	HANDLE h = fd_handle(fd);
	OVERLAPPED at = {0}; /* byte 0: every taker locks the same range */
	if (how == PLAT_UNLOCK)
		return UnlockFileEx(h, 0, 1, 0, &at) ? 0 : fail_errno();
	DWORD flags =
	    LOCKFILE_FAIL_IMMEDIATELY | (how == PLAT_LOCK_EXCLUSIVE ? LOCKFILE_EXCLUSIVE_LOCK : 0);
	return LockFileEx(h, flags, 0, 1, 0, &at) ? 0 : fail_errno();
}

char *
plat_getenv(const char *name)
{
	wchar_t *w = wide(name);
	const wchar_t *v = w ? _wgetenv(w) : NULL;
	free(w);
	return v != NULL ? narrow(v) : NULL;
}

/* The folder the running program was started from (GetModuleFileNameW), allocated; NULL. */
static wchar_t *
program_dir(void)
{
	for (DWORD size = MAX_PATH; size <= 32768; size *= 2) {
		wchar_t *w = xreallocarray(NULL, size, sizeof *w);
		DWORD n = GetModuleFileNameW(NULL, w, size);
		if (n > 0 && n < size) {
			wchar_t *slash = wcsrchr(w, L'\\');
			if (slash == NULL)
				break;
			*slash = L'\0';
			return w;
		}
		free(w);
		if (n == 0)
			return NULL;
	}
	return NULL;
}

/* The program run from a stick keeps its data beside it: a file named xhht-portable in its
 * folder says so (make usb puts it there); else %LOCALAPPDATA%\\name. */
char *
plat_data_home(const char *name)
{
	wchar_t *dir = program_dir();
	char *out = NULL;
	if (dir != NULL) {
		size_t n = wcslen(dir) + sizeof "\\xhht-portable";
		wchar_t *marker = xreallocarray(NULL, n, sizeof *marker);
		swprintf(marker, n, L"%ls\\xhht-portable", dir);
		DWORD attr = GetFileAttributesW(marker);
		char *d = attr != INVALID_FILE_ATTRIBUTES && !(attr & FILE_ATTRIBUTE_DIRECTORY)
			      ? narrow(dir)
			      : NULL;
		/* du-lieu, as the stick's CHAY-XHHT.bat and chay-xhht.sh give it with --data: a
		 * double-click on xhht.exe finds the same data; another program its own folder. */
		if (d != NULL)
			out = strcmp(name, "xhht") == 0 ? xasprintf("%s\\du-lieu", d)
							: xasprintf("%s\\du-lieu-%s", d, name);
		free(d);
		free(marker);
		free(dir);
	}
	if (out != NULL)
		return out;
	char *base = plat_getenv("LOCALAPPDATA");
	if (base != NULL && base[0] != '\0')
		out = xasprintf("%s\\%s", base, name);
	free(base);
	return out;
}

struct plat_tty {
	HANDLE in, out;
	DWORD saved;
	char pending[8]; /* the UTF-8 bytes of the last character read, not yet given */
	int npending, next;
};

struct plat_tty *
plat_tty_open(void)
{
	/* What the program wrote before is shown before it asks (standard output and error are
	 * buffered on a console here: plat_program_start). */
	fflush(stdout);
	fflush(stderr);
	struct plat_tty *t = xcalloc(1, sizeof *t);
	t->in = CreateFileW(L"CONIN$", GENERIC_READ | GENERIC_WRITE,
			    FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
	t->out = CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE,
			     FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
	if (t->in == INVALID_HANDLE_VALUE || t->out == INVALID_HANDLE_VALUE ||
	    !GetConsoleMode(t->in, &t->saved)) {
		if (t->in != INVALID_HANDLE_VALUE)
			CloseHandle(t->in);
		if (t->out != INVALID_HANDLE_VALUE)
			CloseHandle(t->out);
		free(t);
		return NULL;
	}
	return t;
}

bool
plat_tty_hide_input(struct plat_tty *t)
{
	DWORD mode =
	    (t->saved & ~(DWORD)ENABLE_ECHO_INPUT) | ENABLE_LINE_INPUT | ENABLE_PROCESSED_INPUT;
	return SetConsoleMode(t->in, mode) != 0;
}

void
plat_tty_restore(struct plat_tty *t)
{
	SetConsoleMode(t->in, t->saved);
}

void
plat_tty_write(struct plat_tty *t, const char *s, size_t n)
{
	/* The console shows UTF-16, whatever its code page: Vietnamese comes out whole. */
	int wn = n > 0 && n < INT_MAX ? MultiByteToWideChar(CP_UTF8, 0, s, (int)n, NULL, 0) : 0;
	if (wn <= 0)
		return;
	wchar_t *w = xreallocarray(NULL, (size_t)wn, sizeof *w);
	MultiByteToWideChar(CP_UTF8, 0, s, (int)n, w, wn);
	DWORD done;
	WriteConsoleW(t->out, w, (DWORD)wn, &done, NULL);
	free(w);
}

bool
plat_tty_getc(struct plat_tty *t, char *c)
{
	if (t->next >= t->npending) {
		/* ReadConsoleW gives UTF-16 (the narrow ReadConsoleA gives the code page's bytes):
		 * a passphrase typed in Vietnamese must be the same bytes as on Linux. */
		wchar_t w[2];
		DWORD got = 0;
		if (!ReadConsoleW(t->in, w, 1, &got, NULL) || got != 1)
			return false;
		if (w[0] >= 0xD800 && w[0] < 0xDC00 &&
		    (!ReadConsoleW(t->in, w + 1, 1, &got, NULL) || got != 1))
			return false;
		int units = w[0] >= 0xD800 && w[0] < 0xDC00 ? 2 : 1;
		t->npending = WideCharToMultiByte(CP_UTF8, 0, w, units, t->pending,
						  (int)sizeof t->pending, NULL, NULL);
		t->next = 0;
		SecureZeroMemory(w, sizeof w);
		if (t->npending <= 0)
			return false;
	}
	*c = t->pending[t->next++];
	return true;
}

void
plat_tty_close(struct plat_tty *t)
{
	SecureZeroMemory(t->pending, sizeof t->pending);
	CloseHandle(t->in);
	CloseHandle(t->out);
	free(t);
}

void
plat_on_stop(void (*fn)(int))
{
	/* The console's Ctrl+C and Ctrl+Break arrive as SIGINT and SIGBREAK; there is no SIGHUP. */
	signal(SIGINT, fn ? fn : SIG_DFL);
	signal(SIGTERM, fn ? fn : SIG_DFL);
	signal(SIGBREAK, fn ? fn : SIG_DFL);
}

bool
plat_is_tty(int fd)
{
	DWORD mode;
	return GetConsoleMode(fd_handle(fd), &mode) != 0;
}

void
plat_no_core_dumps(void)
{
	/* Process-wide, once at the start: no crash box, and no "insert a disk" box when a file
	 * chooser asks an empty drive its label (plat_drives). */
	SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
}

void
plat_sleep_ms(int ms)
{
	Sleep((DWORD)ms);
}

long
plat_pid(void)
{
	return (long)GetCurrentProcessId();
}

bool
plat_process_alive(long pid)
{
	HANDLE h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, (DWORD)pid);
	DWORD code;
	if (h == NULL)
		return GetLastError() != ERROR_INVALID_PARAMETER; /* no such process */
	bool alive = !GetExitCodeProcess(h, &code) || code == STILL_ACTIVE;
	CloseHandle(h);
	return alive;
}

bool
plat_random(void *buf, size_t n)
{
	return n <= ULONG_MAX &&
	       BCryptGenRandom(NULL, buf, (ULONG)n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;
}

time_t
plat_timegm(struct tm *tm)
{
	return _mkgmtime(tm);
}

struct tm *
plat_gmtime(const time_t *t, struct tm *out)
{
	return gmtime_s(out, t) == 0 ? out : NULL;
}

struct tm *
plat_localtime(const time_t *t, struct tm *out)
{
	return localtime_s(out, t) == 0 ? out : NULL;
}

static char program_name[64] = "xhht";

void
plat_program_start(int *argc, char ***argv)
{
	int n = 0;
	wchar_t **w = CommandLineToArgvW(GetCommandLineW(), &n);
	if (w != NULL && n > 0) {
		/* Kept for the whole run, as argv is. */
		char **args = xcalloc((size_t)n + 1, sizeof *args);
		for (int i = 0; i < n; i++) {
			args[i] = narrow(w[i]);
			if (args[i] == NULL)
				args[i] = xstrdup("");
		}
		*argc = n;
		*argv = args;
		LocalFree(w);
	}
	if (*argc > 0) {
		const char *base = plat_base_name((*argv)[0]);
		size_t len = strlen(base);
		if (len > 4 && _stricmp(base + len - 4, ".exe") == 0)
			len -= 4;
		if (len > 0 && len < sizeof program_name)
			snprintf(program_name, sizeof program_name, "%.*s", (int)len, base);
	}
	SetConsoleOutputCP(CP_UTF8);
	SetConsoleCP(CP_UTF8);
	_setmode(_fileno(stdout), _O_BINARY);
	_setmode(_fileno(stderr), _O_BINARY);
	_setmode(_fileno(stdin), _O_BINARY);
	/* On a console, MinGW's printf writes a byte at a time to an unbuffered stream, and the
	 * console decodes each write alone: a letter of two or three UTF-8 bytes came out as as
	 * many replacement marks. Buffered, a message reaches the console whole (flushed at exit,
	 * before a question on the console, before curses starts). Escape sequences (the
	 * importer's progress bar) are the console's to interpret, as on Linux. */
	FILE *streams[] = {stdout, stderr};
	for (size_t i = 0; i < 2; i++) {
		HANDLE h = (HANDLE)_get_osfhandle(_fileno(streams[i]));
		DWORD mode;
		if (h == INVALID_HANDLE_VALUE || !GetConsoleMode(h, &mode))
			continue;
		setvbuf(streams[i], NULL, _IOFBF, 1 << 16);
		SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
	}
}

const char *
plat_program_name(void)
{
	return program_name;
}

char *
plat_browser(void)
{
	const char *no = getenv("XHHT_NO_BROWSER");
	return no && no[0] ? NULL : xstrdup("open");
}

bool
plat_start_browser(const char *program, const char *file)
{
	wchar_t *verb = wide(program), *w = wide(file);
	bool ok = verb && w && (INT_PTR)ShellExecuteW(NULL, verb, w, NULL, NULL, SW_SHOWNORMAL) > 32;
	free(verb);
	free(w);
	return ok;
}

/* Whether the drive (root "E:\\") is a disk on a USB bus: USB hard disks and some sticks say
 * they are fixed. Asking the device needs no rights beyond opening it without access. */
static bool
drive_on_usb(const wchar_t *root)
{
	wchar_t device[] = {L'\\', L'\\', L'.', L'\\', root[0], L':', 0};
	HANDLE h = CreateFileW(device, 0, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
			       0, NULL);
	if (h == INVALID_HANDLE_VALUE)
		return false;
	STORAGE_PROPERTY_QUERY query = {StorageDeviceProperty, PropertyStandardQuery, {0}};
	union {
		STORAGE_DEVICE_DESCRIPTOR d;
		char bytes[1024];
	} out;
	DWORD got = 0;
	bool usb = DeviceIoControl(h, IOCTL_STORAGE_QUERY_PROPERTY, &query, sizeof query, &out,
				   sizeof out, &got, NULL) &&
		   got >= offsetof(STORAGE_DEVICE_DESCRIPTOR, BusType) + sizeof out.d.BusType &&
		   out.d.BusType == BusTypeUsb;
	CloseHandle(h);
	return usb;
}

/* The volume's name in UTF-8, NULL when it has none; false when the drive has no medium. */
static bool
drive_label(const wchar_t *root, char **label)
{
	wchar_t name[MAX_PATH + 1];
	*label = NULL;
	/* No "insert a disk" box for an empty drive (the error mode plat_no_core_dumps set at
	 * the start): the error comes back instead. */
	if (!GetVolumeInformationW(root, name, MAX_PATH + 1, NULL, NULL, NULL, NULL, 0))
		return false;
	int n = WideCharToMultiByte(CP_UTF8, 0, name, -1, NULL, 0, NULL, NULL);
	if (name[0] != L'\0' && n > 0) {
		*label = xmalloc((size_t)n);
		WideCharToMultiByte(CP_UTF8, 0, name, -1, *label, n, NULL, NULL);
	}
	return true;
}

size_t
plat_drives(struct plat_drive **out)
{
	struct plat_drive *p = NULL;
	size_t n = 0;
	DWORD drives = GetLogicalDrives();
	for (int i = 0; i < 26; i++) {
		wchar_t root[] = {(wchar_t)(L'A' + i), L':', L'\\', 0};
		char *label;
		if (!(drives & (1UL << i)))
			continue;
		UINT type = GetDriveTypeW(root);
		if (type != DRIVE_REMOVABLE && type != DRIVE_FIXED && type != DRIVE_REMOTE)
			continue;
		bool removable =
		    type == DRIVE_REMOVABLE || (type == DRIVE_FIXED && drive_on_usb(root));
		/* Only a medium the clerk plugs in is named by its label: asking a network drive
		 * can wait on the network at each key of the chooser (and Wine prints a line on
		 * the screen for each fixed drive it cannot read the label of). */
		label = NULL;
		if (removable && !drive_label(root, &label))
			continue;
		p = xreallocarray(p, n + 1, sizeof *p);
		p[n] = (struct plat_drive){{(char)('A' + i), ':', '\\', '\0'}, removable, label};
		n++;
	}
	*out = p;
	return n;
}

const char *
plat_base_name(const char *path)
{
	const char *base = path;
	for (const char *p = path; *p; p++)
		if (*p == '/' || *p == '\\' || (*p == ':' && p == path + 1))
			base = p + 1;
	return base;
}
#endif
