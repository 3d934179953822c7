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

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
  name: "rlnb",
  products: [
    .executable(name: "tensor-demo", targets: ["TensorDemo"]),
    .executable(name: "rlnb", targets: ["rlnb"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    // MARK: - C libraries and shims
    .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CReadline", pkgConfig: "readline", providers: [.apt(["libreadline-dev"])]),
    .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
    .target(name: "ReplShim", dependencies: ["CReadline"]),
    .target(name: "PNGShim", dependencies: ["CPNG"]),

    // MARK: - Numerics
    .target(
      name: "Kernels",
      dependencies: ["CBLAS", .product(name: "RealModule", package: "swift-numerics")],
      swiftSettings: optimizedKernelFlags),
    .target(name: "Tensor", dependencies: ["Kernels"]),

    // MARK: - Models (checkpoints, Qwen2 / Qwen2-VL, tokenizer, images, generation)
    .target(name: "Models", dependencies: ["Tensor", "Kernels", "PNGShim"]),

    // MARK: - RL (MAYE's pipeline: data, rollouts, rewards, advantages, updates, evaluation)
    .target(name: "RL", dependencies: ["Models", "Tensor"]),

    // MARK: - Plotting (a gnuplot session; figures as values)
    .target(name: "Plot"),

    // MARK: - Language (NATIVE.md §5: the interpreter is built optimized even in debug)
    .target(name: "Lang", swiftSettings: [.unsafeFlags(["-O", "-enforce-exclusivity=unchecked"])]),
    .target(name: "Bindings", dependencies: ["Lang", "Tensor", "Plot", "Models", "RL"]),

    // MARK: - Notebooks and the REPL (docs/notebooks.md)
    .target(name: "Notebook", dependencies: ["Lang", "Bindings"]),
    .target(name: "Repl", dependencies: ["Notebook", "Bindings", "Lang", "ReplShim", "CReadline"]),

    // MARK: - Executables
    .executableTarget(name: "TensorDemo", dependencies: ["Tensor"]),
    .executableTarget(name: "rlnb", dependencies: ["Repl", "Notebook", "Bindings", "Lang", "Kernels", argumentParser]),

    // MARK: - Benchmarks (bench/README.md)
    .executableTarget(
      name: "Benchmarks", dependencies: ["Tensor", "Kernels", "Models", "RL", "CBLAS", argumentParser], path: "bench/Benchmarks",
      swiftSettings: optimizedKernelFlags),
    .executableTarget(name: "PlotBench", dependencies: ["Plot"], path: "bench/PlotBench"),
    .executableTarget(name: "LangBench", dependencies: ["Lang", "Bindings", "Tensor"], path: "bench/LangBench"),

    // MARK: - Tests
    .testTarget(name: "NativeTests", dependencies: ["PNGShim", "ReplShim", "CBLAS"]),
    .testTarget(name: "KernelsTests", dependencies: ["Kernels"]),
    .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
    .testTarget(name: "ModelsTests", dependencies: ["Models"], resources: [.copy("Fixtures")]),
    .testTarget(name: "RLTests", dependencies: ["RL"], resources: [.copy("Fixtures")]),
    .testTarget(name: "PlotTests", dependencies: ["Plot", "PNGShim"], exclude: ["Snapshots"]),
    .testTarget(name: "LangTests", dependencies: ["Lang", "Bindings"], exclude: ["Programs"]),
    .testTarget(name: "BindingsTests", dependencies: ["Bindings", "Lang", "Tensor", "Plot", "PNGShim", "Models", "RL"]),
    .testTarget(name: "NotebookTests", dependencies: ["Notebook", "Bindings", "Lang"], exclude: ["Snapshots"]),
    .testTarget(name: "ReplTests", dependencies: ["Repl", "Notebook", "Bindings", "Lang"]),
    // End-to-end: runs the built `rlnb` binary (the dependency makes `swift test` build it).
    .testTarget(name: "rlnbTests", dependencies: ["rlnb"]),
  ]
)
