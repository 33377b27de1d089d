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
