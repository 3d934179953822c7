// swift-tools-version: 6.0
// rlnb: a notebook-style REPL for RL experiments on small vision-language models.
// Layers (DESIGN.md) depend downward only: rlnb → Notebook → Bindings → {Lang, RL, Plot};
// RL → Models → Tensor → Kernels → C shims.
import PackageDescription

/// Kernels run optimized with AVX2/FMA in every build: a debug build would otherwise make
/// them 30-100x slower (NATIVE.md §4). `haswell` is the newest target every x86-64 machine
/// with AVX2 accepts; AVX-512 (`znver4`) would SIGILL elsewhere.
let optimizedKernelFlags: [SwiftSetting] = [
  .unsafeFlags(["-O", "-target-cpu", "haswell", "-enforce-exclusivity=unchecked"]),
]

let package = Package(
  name: "rlnb",
  products: [
  ],
  targets: [
    // MARK: - C libraries and shims
    .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CReadline", pkgConfig: "readline", providers: [.apt(["libreadline-dev"])]),
    .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
    .target(name: "ReplShim", dependencies: ["CReadline"]),
    .target(name: "PNGShim", dependencies: ["CPNG"]),

    // MARK: - Tests
    .testTarget(name: "NativeTests", dependencies: ["PNGShim", "ReplShim", "CBLAS"]),

    // MARK: - Language (NATIVE.md §5: the interpreter is built optimized even in debug)
    .target(name: "Lang", swiftSettings: [.unsafeFlags(["-O", "-enforce-exclusivity=unchecked"])]),
    .target(name: "Bindings", dependencies: ["Lang"]),
    .testTarget(name: "LangTests", dependencies: ["Lang", "Bindings"], exclude: ["Programs"]),
    .testTarget(name: "BindingsTests", dependencies: ["Bindings", "Lang"]),
    .executableTarget(name: "LangBench", dependencies: ["Lang", "Bindings"], path: "bench/LangBench"),
  ]
)
