/* platform_posix.c: platform.h on Linux and other POSIX systems (the system calls the core used
 * directly before, with the same flags, so that behaviour is unchanged). */
#ifndef _WIN32
#include "platform.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "util.h"

int
plat_open_read(const char *path)
{
	return open(path, O_RDONLY | O_CLOEXEC);
}

int
plat_stat(const char *path, struct stat *st)
{
	return stat(path, st);
}

int
plat_lstat(const char *path, struct stat *st)
{
	return lstat(path, st);
}

bool
plat_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

bool
plat_can_write(const char *dir)
{
	return access(dir, W_OK) == 0;
}

int
plat_remove(const char *path)
{
	return unlink(path);
}

int
plat_open_untrusted(const char *path, bool nofollow)
{
	return open(path,
		    O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
}

int
plat_set_blocking(int fd)
{
	return fcntl(fd, F_SETFL, 0);
}

struct plat_dir {
	DIR *d;
};

struct plat_dir *
plat_dir_open(const char *path, bool nofollow)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC |
				(nofollow ? O_NOFOLLOW : 0));
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	if (d == NULL) {
		int saved = errno;
		if (fd >= 0)
			close(fd);
		errno = saved;
		return NULL;
	}
	struct plat_dir *pd = xmalloc(sizeof *pd);
	pd->d = d;
	return pd;
}

const char *
plat_dir_next(struct plat_dir *d)
{
	struct dirent *de;
	while ((de = readdir(d->d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			return de->d_name;
	return NULL;
}

void
plat_dir_close(struct plat_dir *d)
{
	if (d != NULL)
		closedir(d->d);
	free(d);
}

char *
plat_current_dir(void)
{
	return getcwd(NULL, 0);
}

int
plat_open_lock(const char *path)
{
	/* Read-only is enough for flock: whoever may read the folder's lock file may take it. */
	return open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
}

int
plat_create_new(const char *path, int mode)
{
	return open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, (mode_t)mode);
}

int
plat_sync_file(int fd)
{
	return fsync(fd);
}

int
plat_sync_data(int fd)
{
	return fdatasync(fd);
}

void
plat_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

int
plat_replace_file(const char *from, const char *to)
{
	return rename(from, to);
}

/* renameat2 where the file system has it, else link (which never replaces either), else (FAT
 * has neither) a look just before a plain rename. */
int
plat_rename_new(const char *from, const char *to)
{
	struct stat st;
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
		return -1;
	if (link(from, to) == 0) {
		unlink(from);
		return 0;
	}
	if (errno == EEXIST)
		return -1;
	if (lstat(to, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(from, to);
}

int
plat_make_dir(const char *path)
{
	return mkdir(path, 0700);
}

int
plat_owner_only(const char *path)
{
	return chmod(path, 0600);
}

bool
plat_fs_keeps_modes(int fd)
{
	struct statfs fs;
	return fstatfs(fd, &fs) != 0 || fs_type_keeps_modes((unsigned long)fs.f_type);
}

bool
plat_open_to_others(int fd, char *who, size_t size)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !(st.st_mode & 077) || !plat_fs_keeps_modes(fd))
		return false;
	snprintf(who, size, "%04o", (unsigned)(st.st_mode & 07777));
	return true;
}

bool
plat_fs_read_only(const char *dir)
{
	struct statvfs vfs;
	return statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
}

int
plat_lock_file(int fd, enum plat_lock how)
{
	/* flock, not fcntl: SQLite owns the fcntl locks of a process, and a closed descriptor
	 * would drop them all. */
	static const int ops[] = {LOCK_SH | LOCK_NB, LOCK_EX | LOCK_NB, LOCK_UN};
	return flock(fd, ops[how]);
}

char *
plat_getenv(const char *name)
{
	const char *v = getenv(name);
	return v != NULL ? xstrdup(v) : NULL;
}

char *
plat_data_home(const char *name)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home;
	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/%s", xdg, name);
	if ((home = getenv("HOME")) != NULL && home[0] == '/')
		return xasprintf("%s/.local/share/%s", home, name);
	return NULL;
}

struct plat_tty {
	int fd;
	struct termios saved;
};

struct plat_tty *
plat_tty_open(void)
{
	struct plat_tty *t = xmalloc(sizeof *t);
	t->fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (t->fd < 0 || tcgetattr(t->fd, &t->saved) != 0) {
		if (t->fd >= 0)
			close(t->fd);
		free(t);
		return NULL;
	}
	return t;
}

bool
plat_tty_hide_input(struct plat_tty *t)
{
	struct termios hidden = t->saved;
	hidden.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	hidden.c_lflag |= ICANON;
	return tcsetattr(t->fd, TCSAFLUSH, &hidden) == 0;
}

void
plat_tty_restore(struct plat_tty *t)
{
	tcsetattr(t->fd, TCSAFLUSH, &t->saved);
}

void
plat_tty_write(struct plat_tty *t, const char *s, size_t n)
{
	(void)!write(t->fd, s, n);
}

bool
plat_tty_getc(struct plat_tty *t, char *c)
{
	return read(t->fd, c, 1) == 1;
}

void
plat_tty_close(struct plat_tty *t)
{
	close(t->fd);
	free(t);
}

void
plat_on_stop(void (*fn)(int))
{
	signal(SIGINT, fn ? fn : SIG_DFL);
	signal(SIGTERM, fn ? fn : SIG_DFL);
	signal(SIGHUP, fn ? fn : SIG_DFL);
}

bool
plat_is_tty(int fd)
{
	return isatty(fd) == 1;
}

void
plat_no_core_dumps(void)
{
	const struct rlimit no_core = {0, 0};
	setrlimit(RLIMIT_CORE, &no_core);
}

void
plat_sleep_ms(int ms)
{
	usleep((useconds_t)ms * 1000);
}

long
plat_pid(void)
{
	return (long)getpid();
}

bool
plat_process_alive(long pid)
{
	return kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

bool
plat_random(void *buf, size_t n)
{
	return getrandom(buf, n, GRND_NONBLOCK) == (ssize_t)n;
}

time_t
plat_timegm(struct tm *tm)
{
	return timegm(tm);
}

struct tm *
plat_gmtime(const time_t *t, struct tm *out)
{
	return gmtime_r(t, out);
}

struct tm *
plat_localtime(const time_t *t, struct tm *out)
{
	return localtime_r(t, out);
}

void
plat_program_start(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
}

const char *
plat_program_name(void)
{
	return program_invocation_short_name;
}

char *
plat_browser(void)
{
	static const char *const programs[] = {"xdg-open", "sensible-browser"};
	const char *no = getenv("XHHT_NO_BROWSER"), *x = getenv("DISPLAY"),
		   *w = getenv("WAYLAND_DISPLAY"), *path = getenv("PATH");
	if ((no && no[0]) || !((x && x[0]) || (w && w[0])) || path == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof programs / sizeof *programs; i++)
		for (const char *d = path; *d; d += strcspn(d, ":") + (d[strcspn(d, ":")] == ':')) {
			size_t n = strcspn(d, ":");
			char *p = xasprintf("%.*s/%s", (int)n, d, programs[i]);
			if (n > 0 && access(p, X_OK) == 0)
				return p;
			free(p);
			if (d[n] == '\0')
				break;
		}
	return NULL;
}

/* Its own session, no terminal, none of our descriptors, reaped at once (the double fork). */
bool
plat_start_browser(const char *program, const char *file)
{
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		setsid();
		if (fork() != 0)
			_exit(0);
		int fd = open("/dev/null", O_RDWR);
		if (fd < 0)
			_exit(127);
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		closefrom(3);
		execl(program, program, file, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return true;
}

size_t
plat_drives(struct plat_drive **out)
{
	*out = NULL;
	return 0;
}

const char *
plat_base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}
#endif
