// ChildProcess: one spawned child with its three standard streams, started and reaped by hand.
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A child process whose stdin, stdout and stderr are connected to this process.
///
/// Spawned with `posix_spawn` rather than `Foundation.Process`: Foundation's `waitUntilExit`
/// polls at about 50 ms on Linux (NATIVE.md §2), and owning the pid lets `close` reap the child
/// itself, so no zombie is ever left behind.
///
/// Stdin is one end of a Unix socket pair, not a pipe, so writes can pass `MSG_NOSIGNAL`: when
/// the child has died, a write fails with `EPIPE` instead of killing this process with SIGPIPE,
/// without touching the process-wide signal disposition. Every descriptor is close-on-exec, so
/// children spawned concurrently by other sessions never inherit them (an inherited copy of a
/// stdin socket would keep gnuplot from ever seeing end-of-file).
final class ChildProcess {
  /// The child's process id.
  let pid: pid_t
  /// Our end of the child's stdin socket; -1 once closed.
  private(set) var input: Int32
  /// The read ends of the child's stdout and stderr pipes; -1 once closed.
  private(set) var output: Int32
  private(set) var errors: Int32
  /// How the child ended, once reaped.
  private(set) var termination: Termination?

  private init(pid: pid_t, input: Int32, output: Int32, errors: Int32) {
    self.pid = pid
    self.input = input
    self.output = output
    self.errors = errors
  }

  deinit { _ = terminate(grace: .milliseconds(200)) }

  /// Starts `executable` with `arguments`; a name without `/` is looked up on `PATH`.
  static func spawn(_ executable: String, arguments: [String]) throws(PlotError) -> ChildProcess {
    // stdin is a socket pair, created close-on-exec atomically, so writes can pass MSG_NOSIGNAL.
    // stdout and stderr stay pipes, so scripts can still open /dev/stdout (Linux refuses to
    // open a socket through /proc); Swift does not see glibc's pipe2, so they are marked
    // close-on-exec right after pipe(), under a lock that keeps our own concurrent spawns out
    // of that window.
    var stdinPair: [Int32] = [-1, -1]
    var stdoutPipe: [Int32] = [-1, -1]
    var stderrPipe: [Int32] = [-1, -1]
    let socketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    let created = spawnLock.withLock { _ -> Bool in
      guard socketpair(AF_UNIX, socketType, 0, &stdinPair) == 0, pipe(&stdoutPipe) == 0,
        pipe(&stderrPipe) == 0
      else { return false }
      for fd in stdoutPipe + stderrPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
      return true
    }
    guard created else {
      let reason = errnoText()
      for fd in stdinPair + stdoutPipe + stderrPipe where fd >= 0 { Glibc.close(fd) }
      throw .launchFailed(executable: executable, reason: "pipe: \(reason)")
    }
    // The child's ends are closed here whatever happens; ours only on failure.
    defer { for fd in [stdinPair[1], stdoutPipe[1], stderrPipe[1]] { Glibc.close(fd) } }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdinPair[1], 0)
    posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // An empty signal mask and default SIGPIPE/SIGINT in the child, whatever this process's
    // threads block or ignore; its own process group, so a Ctrl-C at the REPL interrupts the
    // interpreter and not gnuplot.
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGPIPE)
    sigaddset(&defaults, SIGINT)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setpgroup(&attributes, 0)
    let flags = Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
      | Int32(POSIX_SPAWN_SETPGROUP)
    posix_spawnattr_setflags(&attributes, Int16(flags))

    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let status = spawnLock.withLock { _ in
      executable.contains("/")
        ? posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        : posix_spawnp(&pid, executable, &actions, &attributes, argv, environ)
    }
    guard status == 0 else {
      for fd in [stdinPair[0], stdoutPipe[0], stderrPipe[0]] { Glibc.close(fd) }
      if status == ENOENT || status == ENOTDIR { throw .gnuplotNotFound(executable: executable) }
      throw .launchFailed(executable: executable, reason: String(cString: strerror(status)))
    }
    for fd in [stdinPair[0], stdoutPipe[0], stderrPipe[0]] {
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }
    return ChildProcess(pid: pid, input: stdinPair[0], output: stdoutPipe[0], errors: stderrPipe[0])
  }

  /// Reaps the child if it has ended, without waiting; returns how it ended, or nil if alive.
  func pollTermination() -> Termination? {
    if let termination { return termination }
    var status: Int32 = 0
    let result = waitpid(pid, &status, WNOHANG)
    if result == pid {
      termination = Self.decode(status)
    } else if result == -1 && errno == ECHILD {
      // Someone else reaped it (a SIGCHLD handler set to SIG_IGN); it is gone all the same.
      termination = .exited(-1)
    }
    return termination
  }

  /// Waits up to `timeout` for the child to end, reaping it; nil if it is still running.
  func waitForTermination(timeout: Duration) -> Termination? {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    var pause: Duration = .microseconds(100)
    while true {
      if let termination = pollTermination() { return termination }
      if clock.now >= deadline { return nil }
      sleep(for: pause)
      pause = min(pause * 2, .milliseconds(10))
    }
  }

  /// Closes the child's stdin so it can exit cleanly, waits `grace`, then kills and reaps it.
  ///
  /// Always reaps: after this returns the child is neither running nor a zombie.
  @discardableResult
  func terminate(grace: Duration) -> Termination {
    closeInput()
    var ended = waitForTermination(timeout: grace)
    if ended == nil {
      Glibc.kill(pid, SIGKILL)
      ended = waitForTermination(timeout: .seconds(5))
    }
    closeOutputs()
    return ended ?? .signalled(SIGKILL)
  }

  /// Kills the child at once and reaps it.
  @discardableResult
  func kill() -> Termination {
    if pollTermination() == nil { Glibc.kill(pid, SIGKILL) }
    return terminate(grace: .seconds(5))
  }

  /// Closes our end of the child's stdin, which gnuplot reads as end-of-file and exits.
  func closeInput() {
    if input >= 0 { Glibc.close(input) }
    input = -1
  }

  private func closeOutputs() {
    if output >= 0 { Glibc.close(output) }
    if errors >= 0 { Glibc.close(errors) }
    output = -1
    errors = -1
  }

  private static func decode(_ status: Int32) -> Termination {
    // The WIFEXITED family are C macros Swift cannot import; these are their Linux definitions.
    let signal = status & 0x7f
    return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
  }
}

/// Serialises creating descriptors and spawning across all sessions in this process.
///
/// The one process-wide state in Plot, because the race it closes is process-wide: a spawn on
/// another thread between `pipe()` and `fcntl(FD_CLOEXEC)` would hand that child our pipe.
private let spawnLock = Mutex(())

/// `strerror(errno)` as a Swift string.
func errnoText(_ code: Int32 = errno) -> String {
  String(cString: strerror(code))
}

/// Sleeps the calling thread; used only in short reaping loops.
func sleep(for duration: Duration) {
  let (seconds, attoseconds) = duration.components
  var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
  var remaining = timespec()
  while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
}
