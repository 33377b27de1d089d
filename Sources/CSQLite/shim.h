// The pre-update hook records which rows a write transaction changes (DoorbraakStore RowCapture);
// Debian's libsqlite3 is built with it, and the store checks at run time that it is there.
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
