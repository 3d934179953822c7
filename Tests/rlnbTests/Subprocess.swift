// Subprocess: runs the rlnb binary with pipes (or a pseudo-terminal) under a timeout.

import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What a finished process produced.
struct ProcessResult: Sendable {
  var stdout: String
  var stderr: String
  /// The exit status; 128 + N when killed by signal N.
  var status: Int32
  /// True when the process was killed because it ran past its timeout.
  var timedOut: Bool
}

/// Errors of the test harness itself (not of rlnb).
struct HarnessError: Error, CustomStringConvertible {
  var description: String
}

/// Starts processes with posix_spawn: Foundation's `Process` polls for exit at about 50 ms
/// (NATIVE.md §2) and cannot set up a controlling terminal.
enum Subprocess {
  /// Held while descriptors are created and children spawned. Tests run in parallel, and a
  /// child spawned by one test must not inherit another test's pipe ends (it would keep that
  /// test's reads from ever seeing end-of-file): descriptors are made close-on-exec before any
  /// other spawn can happen.
  static let lock = Mutex(())

  /// Creates a pipe whose both ends are close-on-exec (call with `lock` held).
  static func closeOnExecPipe() throws -> [Int32] {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { throw HarnessError(description: "pipe failed: \(String(cString: strerror(errno)))") }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return fds
  }

  /// The environment for rlnb under test: the test's own, with history kept out of the user's
  /// home and readline's configuration file ignored.
  static func environment(_ overrides: [String: String]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["RLNB_HISTORY"] = ""
    environment["INPUTRC"] = "/dev/null"
    environment.removeValue(forKey: "RLNB_BLAS_REEXECUTED")
    for (key, value) in overrides { environment[key] = value }
    return environment
  }

  /// glibc's POSIX_SPAWN_SETSID, hidden from Swift behind _GNU_SOURCE: the child starts a new
  /// session, so opening the pseudo-terminal makes it the controlling terminal.
  static let setsidFlag: Int16 = 0x80

  /// glibc's posix_spawn_file_actions_addchdir_np (also behind _GNU_SOURCE), looked up at run
  /// time: tests run programs from other directories without changing the test process's.
  static let addChangeDirectory: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                                                      UnsafePointer<CChar>) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else {
      return nil
    }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                                      UnsafePointer<CChar>) -> Int32).self)
  }()

  /// Spawns `executable` with `arguments`; `configure` adds file actions (call with `lock`
  /// held when descriptors were just created).
  static func spawn(_ executable: String, _ arguments: [String], environment: [String: String], directory: String?,
                    setsid: Bool = false, configure: (inout posix_spawn_file_actions_t) -> Void) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    configure(&actions)
    if let directory {
      guard let addChangeDirectory = Subprocess.addChangeDirectory else {
        throw HarnessError(description: "posix_spawn_file_actions_addchdir_np is missing (glibc 2.29 or newer needed)")
      }
      _ = addChangeDirectory(&actions, directory)
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // Test threads (libdispatch workers) block most signals, and a child inherits the mask:
    // start it with none blocked and default dispositions, as a shell would.
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var interrupt = sigset_t()
    sigemptyset(&interrupt)
    sigaddset(&interrupt, SIGINT)
    posix_spawnattr_setsigdefault(&attributes, &interrupt)
    var flags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
    if setsid { flags |= Subprocess.setsidFlag }
    posix_spawnattr_setflags(&attributes, flags)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard result == 0 else { throw HarnessError(description: "cannot start \(executable): \(String(cString: strerror(result)))") }
    return pid
  }

  /// Runs to completion, feeding `input` on stdin and collecting stdout and stderr; kills the
  /// process after `timeout` seconds.
  static func run(_ executable: String, _ arguments: [String], input: String = "", directory: String? = nil,
                  environment overrides: [String: String] = [:], timeout: Double = 30) throws -> ProcessResult {
    let (pid, stdinPipe, stdoutPipe, stderrPipe) = try lock.withLock { _ in
      let stdinPipe = try closeOnExecPipe(), stdoutPipe = try closeOnExecPipe(), stderrPipe = try closeOnExecPipe()
      let pid = try spawn(executable, arguments, environment: environment(overrides), directory: directory) { actions in
        // dup2 clears close-on-exec on 0, 1 and 2 only.
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
      }
      return (pid, stdinPipe, stdoutPipe, stderrPipe)
    }
    close(stdinPipe[0])
    close(stdoutPipe[1])
    close(stderrPipe[1])
    // Small inputs only: write them whole, then close so the child sees the end.
    var bytes = Array(input.utf8)
    while !bytes.isEmpty {
      let written = write(stdinPipe[1], bytes, bytes.count)
      if written <= 0 { break }
      bytes.removeFirst(written)
    }
    close(stdinPipe[1])

    var outputs: [Int32: [UInt8]] = [stdoutPipe[0]: [], stderrPipe[0]: []]
    var open = [stdoutPipe[0], stderrPipe[0]]
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    while !open.isEmpty {
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 {
        timedOut = true
        kill(pid, SIGKILL)
        break
      }
      var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      guard poll(&fds, nfds_t(fds.count), Int32(min(remaining, 1) * 1000)) >= 0 else { continue }
      for entry in fds where entry.revents != 0 {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = read(entry.fd, &buffer, buffer.count)
        if count > 0 {
          outputs[entry.fd, default: []] += buffer[0..<count]
        } else {
          open.removeAll { $0 == entry.fd }
        }
      }
    }
    close(stdoutPipe[0])
    close(stderrPipe[0])
    return ProcessResult(stdout: String(decoding: outputs[stdoutPipe[0]] ?? [], as: UTF8.self),
                         stderr: String(decoding: outputs[stderrPipe[0]] ?? [], as: UTF8.self),
                         status: wait(for: pid), timedOut: timedOut)
  }

  /// Waits for `pid` and decodes its status (128 + signal when killed).
  static func wait(for pid: pid_t) -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }
}
