// ChildProcess+Exchange: send bytes to a child and read its output until a sentinel line.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// What one request/response exchange with a child produced.
struct Exchange {
  /// How the exchange ended.
  enum Outcome: Equatable {
    /// The sentinel arrived; `stdout` holds everything before it.
    case completed
    /// The child closed its output or refused input: it has ended (and was reaped if possible).
    case childEnded(Termination?)
    /// The deadline passed first.
    case timedOut
    /// A system call failed in a way that says nothing about the child.
    case failed(operation: String, reason: String)
  }

  var outcome: Outcome
  var stdout: [UInt8]
  var stderr: [UInt8]
}

extension ChildProcess {
  /// Writes `request` to the child's stdin while reading its stdout and stderr, until stdout
  /// ends with `sentinel`, the child ends, or `deadline` passes.
  ///
  /// All three streams are served by one `poll` loop: writing a large data block while gnuplot
  /// is already writing errors would otherwise deadlock once both pipe buffers fill. stderr
  /// needs no synchronisation with the sentinel: gnuplot writes its errors synchronously before
  /// it runs the `print` that emits the sentinel, so they are in the pipe by then, and a final
  /// non-blocking drain collects them.
  func exchange(_ request: [UInt8], sentinel: [UInt8], deadline: ContinuousClock.Instant)
    -> Exchange
  {
    var result = Exchange(outcome: .timedOut, stdout: [], stderr: [])
    var written = 0
    var inputBroken = false
    var outputOpen = output >= 0
    var errorsOpen = errors >= 0
    let clock = ContinuousClock()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    let flags = Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)

    while true {
      if result.stdout.count >= sentinel.count
        && result.stdout.suffix(sentinel.count).elementsEqual(sentinel)
      {
        result.stdout.removeLast(sentinel.count)
        if errorsOpen { _ = drain(errors, into: &result.stderr, buffer: &buffer) }
        result.outcome = .completed
        return result
      }
      if !outputOpen {
        // stdout closed: the child is exiting. Collect the rest of stderr, then reap it.
        if errorsOpen {
          drainUntilClosed(errors, into: &result.stderr, buffer: &buffer, deadline: clock.now + .seconds(1))
        }
        result.outcome = .childEnded(waitForTermination(timeout: .seconds(1)))
        return result
      }
      let remaining = deadline - clock.now
      if remaining <= .zero { return result }

      var fds: [pollfd] = []
      let writing = written < request.count && !inputBroken && input >= 0
      if writing { fds.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
      fds.append(pollfd(fd: output, events: Int16(POLLIN), revents: 0))
      if errorsOpen { fds.append(pollfd(fd: errors, events: Int16(POLLIN), revents: 0)) }
      // Wake at least every 50 ms to check the child is alive: a copy of its stdout held by
      // some other process (spawned outside Plot's lock) would otherwise hide its death.
      let milliseconds = Int32(min(remaining.milliseconds + 1, 50))
      let ready = poll(&fds, nfds_t(fds.count), milliseconds)
      if ready < 0 {
        if errno == EINTR { continue }
        result.outcome = .failed(operation: "poll", reason: errnoText())
        return result
      }
      if ready == 0, let ended = pollTermination() {
        if errorsOpen { _ = drain(errors, into: &result.stderr, buffer: &buffer) }
        _ = drain(output, into: &result.stdout, buffer: &buffer)
        result.outcome = .childEnded(ended)
        return result
      }
      for entry in fds where entry.revents != 0 {
        if entry.fd == input && writing {
          let sent = request.withUnsafeBytes { bytes -> Int in
            guard let base = bytes.baseAddress else { return 0 }
            return send(input, base + written, bytes.count - written, flags)
          }
          if sent > 0 {
            written += sent
          } else if sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
            // EPIPE/ECONNRESET: the child is gone. Keep reading: its last words are on stderr.
            inputBroken = true
          }
        } else if entry.fd == output {
          if !read(output, into: &result.stdout, buffer: &buffer) { outputOpen = false }
        } else if entry.fd == errors {
          if !read(errors, into: &result.stderr, buffer: &buffer) { errorsOpen = false }
        }
      }
    }
  }

  /// Whatever the child has written to stderr and nobody has read yet, without waiting.
  func availableErrors() -> [UInt8] {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    if errors >= 0 { _ = drain(errors, into: &bytes, buffer: &buffer) }
    return bytes
  }

  /// Reads once from a non-blocking descriptor; false at end-of-file or on a hard error.
  private func read(_ fd: Int32, into bytes: inout [UInt8], buffer: inout [UInt8]) -> Bool {
    let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
    if count > 0 {
      bytes.append(contentsOf: buffer[0..<count])
      return true
    }
    if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return true }
    return false
  }

  /// Reads whatever is available now, without waiting; false once the stream has closed.
  private func drain(_ fd: Int32, into bytes: inout [UInt8], buffer: inout [UInt8]) -> Bool {
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if count > 0 {
        bytes.append(contentsOf: buffer[0..<count])
        continue
      }
      if count < 0 && errno == EINTR { continue }
      return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }
  }

  /// Reads until end-of-file or `deadline`, for a child that is exiting.
  private func drainUntilClosed(
    _ fd: Int32, into bytes: inout [UInt8], buffer: inout [UInt8], deadline: ContinuousClock.Instant
  ) {
    let clock = ContinuousClock()
    while drain(fd, into: &bytes, buffer: &buffer) {
      let remaining = deadline - clock.now
      if remaining <= .zero { return }
      var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      _ = poll(&entry, 1, Int32(remaining.milliseconds + 1))
    }
  }
}

extension Duration {
  /// The duration in whole milliseconds, rounded down.
  var milliseconds: Int {
    let (seconds, attoseconds) = components
    return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
  }
}
