/* platform.h: what the core and the command line ask of the operating system, named for what it
 * does, so that one file per system (platform_posix.c, platform_win.c) holds the system calls. */
#ifndef XHHT_PLATFORM_H
#define XHHT_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

#ifdef _WIN32
/* What Windows lacks of what the core names: no symbolic links or sockets that stat would show,
 * no disk quotas (a full quota is a full disk). */
#ifndef S_IFLNK
#define S_IFLNK 0120000
#endif
#ifndef S_IFSOCK
#define S_IFSOCK 0140000
#endif
#define S_ISLNK(m) (((m)&S_IFMT) == S_IFLNK)
#define S_ISSOCK(m) (((m)&S_IFMT) == S_IFSOCK)
#ifndef EDQUOT
#define EDQUOT ENOSPC
#endif
#endif

/* Every function that can fail returns 0, or -1 with errno set as the POSIX call it stands for
 * would set it, so that callers keep their messages (strerror) and their tests of errno. */

/* Opens a file to read, never giving it to a child process. */
int plat_open_read(const char *path);
/* Opens a file from outside to read without waiting: a FIFO or a terminal planted under the
 * name must not hang us before fstat sees it; with nofollow a symlink is refused (ELOOP).
 * plat_set_blocking then lets reads wait again. */
int plat_open_untrusted(const char *path, bool nofollow);
int plat_set_blocking(int fd);
/* stat and lstat of a path; on Windows both follow links (no file is shown as a link). */
int plat_stat(const char *path, struct stat *st);
int plat_lstat(const char *path, struct stat *st);
/* Whether anything is at path (a link to nothing is nothing), and whether the process may
 * create files in the folder dir (access F_OK, W_OK). */
bool plat_exists(const char *path);
bool plat_can_write(const char *dir);
/* Removes a file (unlink). */
int plat_remove(const char *path);
/* A folder's entries, their names in UTF-8 on both systems (on Windows through the wide calls:
 * MinGW's readdir gives names in the ANSI code page, where a Vietnamese name is lost). Opened
 * with nofollow, a symlink (on Windows a junction or link) put in the folder's place is refused
 * (ELOOP); NULL with errno (ENOENT, ENOTDIR...). plat_dir_next gives the next name, "." and ".."
 * left out, valid until the next call; NULL at the end. */
struct plat_dir;
struct plat_dir *plat_dir_open(const char *path, bool nofollow);
const char *plat_dir_next(struct plat_dir *d);
void plat_dir_close(struct plat_dir *d);
/* The current folder, allocated (UTF-8); NULL when it cannot be told. */
char *plat_current_dir(void);
/* Opens (creating it, mode 0644) a lock file for plat_lock_file; never through a symlink. */
int plat_open_lock(const char *path);
/* Creates a new file to write: refused (EEXIST) when the name is taken, a symlink included,
 * so nothing planted there is written through. mode is the Unix mode (0600 for a secret: on
 * Windows, an owner-only ACL). */
int plat_create_new(const char *path, int mode);
/* Syncs a file's data and metadata (fsync), or its data alone (fdatasync). */
int plat_sync_file(int fd);
int plat_sync_data(int fd);
/* Syncs a folder, so that a rename or a new file in it survives a power cut; nothing happens
 * where a folder cannot be synced. */
void plat_sync_dir(const char *dir);
/* Gives the file from the name to, replacing atomically whatever is there (a symlink itself,
 * never its target). EBUSY: another program holds to open and will not let it be replaced
 * (Windows: a report open in Excel). */
int plat_replace_file(const char *from, const char *to);
/* The same without replacing: fails with EEXIST when to exists, even as a dangling symlink. */
int plat_rename_new(const char *from, const char *to);
/* Creates one folder, for the owner only (0700). */
int plat_make_dir(const char *path);
/* Gives a file to its owner alone (0600; on Windows an ACL granting only the owner). */
int plat_owner_only(const char *path);
/* False when the file's file system has no Unix modes to trust (FAT, exFAT, NTFS, FUSE: how
 * USB sticks are mounted; every file system on Windows, whose ACLs the modes do not show);
 * true when that cannot be told, so that a doubtful key file is refused. */
bool plat_fs_keeps_modes(int fd);
/* True when users other than the open file's owner may read or change it, where that can be
 * told: on POSIX group or other bits in its mode (who gets "0644"), unless its file system
 * keeps no modes (plat_fs_keeps_modes); on Windows an entry of its DACL (or no DACL at all)
 * allowing reading or writing to anyone but the owner, SYSTEM and Administrators (who gets the
 * account's name, "Everyone", "Users"), unless its volume keeps no ACLs (FAT, exFAT: false,
 * nothing can be told there); true, who "?", when the DACL cannot be read. */
bool plat_open_to_others(int fd, char *who, size_t size);
/* True when the folder sits on a file system mounted read-only. */
bool plat_fs_read_only(const char *dir);

/* Locks on an open file, never waiting: shared, exclusive, or released. A taken lock gives
 * -1 with errno EWOULDBLOCK. The system drops them when the process ends, however it ends. */
enum plat_lock { PLAT_LOCK_SHARED, PLAT_LOCK_EXCLUSIVE, PLAT_UNLOCK };
int plat_lock_file(int fd, enum plat_lock how);

/* The value of the environment variable name, in UTF-8, as a copy the caller frees; NULL when
 * it is not set. On Windows read through _wgetenv (getenv gives the ANSI code page there, in
 * which a Vietnamese folder name is lost); on POSIX getenv's bytes. */
char *plat_getenv(const char *name);

/* The folder where a program named name keeps its data when nothing says where: on Linux
 * $XDG_DATA_HOME/name when it is an absolute path, else $HOME/.local/share/name; on Windows
 * the folder "du-lieu" beside the program when a file named xhht-portable is there (a program
 * other than xhht: "du-lieu-NAME"), else %LOCALAPPDATA%\name. NULL when there is none. */
char *plat_data_home(const char *name);

/* The terminal the person sits at, even when input and output are redirected (/dev/tty; on
 * Windows the console), to ask there; NULL when there is none. Bytes are UTF-8 both ways. */
struct plat_tty;
struct plat_tty *plat_tty_open(void);
/* What is typed is not shown from now (a passphrase), until plat_tty_restore, which a signal
 * handler may call; false when the terminal refused. */
bool plat_tty_hide_input(struct plat_tty *t);
void plat_tty_restore(struct plat_tty *t);
void plat_tty_write(struct plat_tty *t, const char *s, size_t n);
/* One byte of what is typed; false at the end. */
bool plat_tty_getc(struct plat_tty *t, char *c);
/* Closes it (nothing is restored: call plat_tty_restore first). */
void plat_tty_close(struct plat_tty *t);
/* fn is called on an interrupt, a termination request or a hang-up (SIGINT, SIGTERM, SIGHUP);
 * NULL gives them back their default. */
void plat_on_stop(void (*fn)(int));

/* True when the descriptor is a terminal (or a Windows console). */
bool plat_is_tty(int fd);
/* This process leaves no core file when it crashes (key material passes through it); on
 * Windows also no crash box, and no "insert a disk" box for an empty drive (the process-wide
 * error mode, set here once at the start). */
void plat_no_core_dumps(void);
/* Sleeps ms milliseconds. */
void plat_sleep_ms(int ms);
/* This process's id, and whether the process pid may still be running (true when unsure). */
long plat_pid(void);
bool plat_process_alive(long pid);
/* n random bytes from the system, never waiting for entropy; false when none were given. */
bool plat_random(void *buf, size_t n);

/* UTC broken-down time to time_t and back, and local time (gmtime_r, timegm, localtime_r). */
time_t plat_timegm(struct tm *tm);
struct tm *plat_gmtime(const time_t *t, struct tm *out);
struct tm *plat_localtime(const time_t *t, struct tm *out);

/* ---- the programs' start, and what they hand to the desktop ---------------------------- */

/* First thing in main: on Windows argv is read again from the wide command line as UTF-8 (it
 * arrives in the ANSI code page, where "Đào" is "Ðào"), the console takes and shows UTF-8,
 * and standard output and error carry the bytes written, LF kept as LF, as on Linux. Nothing
 * on POSIX. */
void plat_program_start(int *argc, char ***argv);
/* The file's own name in path: what follows its last folder separator ('/'; on Windows also
 * '\\' and a drive's "C:"). */
const char *plat_base_name(const char *path);
/* A drive the file choosers offer on Windows. */
struct plat_drive {
	char root[4];   /* "E:\\" */
	bool removable; /* DRIVE_REMOVABLE, or a USB disk that says it is fixed */
	char *label;    /* a removable medium's volume name (UTF-8), else NULL */
};
/* On Windows every drive with a file system in it, by letter: removable ones (GetDriveTypeW's
 * DRIVE_REMOVABLE, and a USB disk that says it is fixed: its bus, IOCTL_STORAGE_QUERY_PROPERTY)
 * with their volume labels, fixed and network drives without; a removable drive without a
 * medium (an empty card reader) left out. The array and the labels are the caller's to free.
 * None on POSIX (places.c reads the mount table). */
size_t plat_drives(struct plat_drive **out);
/* Whether c separates folders in a path: '/', and on Windows '\\' too (on Linux a name may
 * hold a backslash). */
bool plat_is_separator(char c);
/* The folder holding path, allocated: what precedes its last name, without the separator; a
 * root kept whole ("/", on Windows "E:\\"); "." when path names no folder. */
char *plat_dir_name(const char *path);
/* The parent of folder dir (plat_dir_name), allocated; NULL when dir is a root: "/", and on
 * Windows a drive's "E:\\" or "E:/". */
char *plat_parent_dir(const char *dir);
/* The program's name for its messages ("xhht"), without folder or ".exe". */
const char *plat_program_name(void);
/* The program that shows a file in the desktop's browser: NULL without a desktop to show it on,
 * under tests (XHHT_NO_BROWSER set), or when there is none (xdg-open, sensible-browser on
 * PATH); on Windows the shell's own association. A new string. */
char *plat_browser(void);
/* Shows file with program (from plat_browser), detached: the screen never waits for it, and it
 * holds none of our files (the data folder's lock least of all). False when it did not start. */
bool plat_start_browser(const char *program, const char *file);

#endif
