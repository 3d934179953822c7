// OpenBLAS's CBLAS interface and its runtime queries (core name, thread count).
// Debian ships no `cblas.pc`; the `openblas` pkg-config entry provides the include path.
#include <cblas.h>
