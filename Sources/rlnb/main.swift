// rlnb's entry point: choose OpenBLAS's kernels, then hand the arguments to the commands.

import Kernels

// Re-executes the process once, before anything else runs, so OpenBLAS loads the kernel
// family this CPU wants (docs/tensors.md).
BLASRuntime.selectKernelFamily()
RlnbCommand.main()
