// The pre-update hook records which rows a write transaction changes (DoorbraakStore RowCapture);
// Debian's libsqlite3 is built with it, and the store checks at run time that it is there.
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

// SQLite counts every allocation under one process-wide mutex unless told not to before its first
// use; doorbraak reads no memory statistics, and `audit verify`'s two connections contended for
// that mutex. sqlite3_config is variadic, which Swift cannot call.
static inline int csqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

// A second connection on a database another connection of this process has open must never
// checkpoint or delete -wal and -shm when it closes (sqlite3_db_config is variadic, which Swift
// cannot call).
static inline int csqlite_no_checkpoint_on_close(sqlite3 *db) { return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0); }

// The descriptor of a file SQLite's unix VFS has open for `db`'s main database (`wal` 0: the
// database file; 1: its -wal), or -1 when there is none or another VFS has it. It reads the unix
// VFS's unixFile, whose first members (methods, VFS, inode info, descriptor) have been these
// since SQLite 3.7; only to tell which file a connection opened, whatever other threads open.
static inline int csqlite_descriptor(sqlite3 *db, int wal) {
    sqlite3_vfs *vfs = 0;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_VFS_POINTER, &vfs) != SQLITE_OK || vfs == 0 || vfs->zName == 0) return -1;
    const char *name = vfs->zName;
    if (!(name[0] == 'u' && name[1] == 'n' && name[2] == 'i' && name[3] == 'x' && name[4] == 0)) return -1;
    sqlite3_file *file = 0;
    if (sqlite3_file_control(db, "main", wal ? SQLITE_FCNTL_JOURNAL_POINTER : SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || file == 0 || file->pMethods == 0) return -1;
    struct unix_file_head { const sqlite3_io_methods *methods; sqlite3_vfs *vfs; void *inode; int h; };
    return ((struct unix_file_head *)file)->h;
}
