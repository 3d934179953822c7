// PseudoTerminal: drives rlnb on a pseudo-terminal, like a person at a keyboard (no Python,
// no expect): type keys, wait for text on the screen, with timeouts so a hang fails.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process running on the slave side of a pseudo-terminal whose master side the test holds.
///
/// The child starts a new session and opens the slave as its controlling terminal, so `isatty`
/// is true, readline edits lines, and a typed Ctrl-C (`\u{03}`) becomes SIGINT.
final class PseudoTerminal {
  private let master: Int32
  let pid: pid_t
  /// Everything the terminal showed so far, with `\r` and escape sequences removed.
  private(set) var screen = ""
  /// Where the next `waitFor` starts looking.
  private var cursor: String.Index

  /// Starts `rlnb arguments...` on a new 80×24 pseudo-terminal.
  init(_ arguments: [String] = [], directory: String? = nil, environment: [String: String] = [:], executable: String = Rlnb.binary) throws {
    var overrides = ["TERM": "dumb"]
    for (key, value) in environment { overrides[key] = value }
    (master, pid) = try Subprocess.lock.withLock { _ in
      var master: Int32 = -1
      var slave: Int32 = -1
      var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
      guard openpty(&master, &slave, nil, nil, &size) == 0, let name = ttyname(slave) else {
        throw HarnessError(description: "openpty failed: \(String(cString: strerror(errno)))")
      }
      defer { close(slave) }
      // Children of other tests must not hold this terminal open.
      for fd in [master, slave] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
      let slavePath = String(cString: name)
      do {
        let pid = try Subprocess.spawn(executable, arguments, environment: Subprocess.environment(overrides),
                                       directory: directory ?? Rlnb.root.path, setsid: true) { actions in
          // Opened by a session leader without a terminal: becomes its controlling terminal.
          posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
          posix_spawn_file_actions_adddup2(&actions, 0, 1)
          posix_spawn_file_actions_adddup2(&actions, 0, 2)
        }
        return (master, pid)
      } catch {
        close(master)
        throw error
      }
    }
    self.cursor = screen.startIndex
  }

  deinit {
    kill(pid, SIGKILL)
    _ = Subprocess.wait(for: pid)
    close(master)
  }

  /// Types `keys` (a newline is Enter, `\t` Tab, `\u{03}` Ctrl-C, `\u{04}` Ctrl-D).
  func type(_ keys: String) {
    var bytes = Array(keys.utf8)
    while !bytes.isEmpty {
      let written = write(master, bytes, bytes.count)
      if written <= 0 { return }
      bytes.removeFirst(written)
    }
  }

  /// Types `line` and Enter, then waits for the next primary prompt; returns what appeared
  /// (the edited line as shown, the output, the prompt).
  @discardableResult
  func enter(_ line: String) throws -> String {
    type(line + "\n")
    return try waitFor("rlnb> ")
  }

  /// Reads until the screen shows `text` after the previous match; returns what appeared up
  /// to and including it. Throws after `timeout` seconds, showing the screen.
  @discardableResult
  func waitFor(_ text: String, timeout: Double = 15) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if let range = screen[cursor...].range(of: text) {
        defer { cursor = range.upperBound }
        return String(screen[cursor..<range.upperBound])
      }
      guard deadline.timeIntervalSinceNow > 0 else {
        throw HarnessError(description: "timed out waiting for \(String(reflecting: text)); the screen shows:\n\(screen)")
      }
      guard readAvailable(timeout: deadline.timeIntervalSinceNow) else {
        throw HarnessError(description: "rlnb ended while waiting for \(String(reflecting: text)):\n\(screen)")
      }
    }
  }

  /// Waits for the process to end; returns its exit status.
  func waitForExit(timeout: Double = 15) throws -> Int32 {
    let deadline = Date().addingTimeInterval(timeout)
    var status: Int32 = 0
    while true {
      let done = waitpid(pid, &status, WNOHANG)
      if done == pid { return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
      guard deadline.timeIntervalSinceNow > 0 else { throw HarnessError(description: "rlnb did not exit:\n\(screen)") }
      _ = readAvailable(timeout: 0.05)
    }
  }

  /// Reads what is available within `timeout` seconds; false once the terminal has closed.
  private func readAvailable(timeout: Double) -> Bool {
    var entry = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    let ready = poll(&entry, 1, Int32(max(1, min(timeout, 1) * 1000)))
    guard ready > 0 else { return ready == 0 || errno == EINTR }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = read(master, &buffer, buffer.count)
    // EIO once the child closed its side.
    guard count > 0 else { return false }
    screen += PseudoTerminal.plain(String(decoding: buffer[0..<count], as: UTF8.self))
    return true
  }

  /// Text without carriage returns, bells and ANSI escape sequences (readline's redisplay).
  static func plain(_ text: String) -> String {
    var result = ""
    var iterator = text.unicodeScalars.makeIterator()
    while let scalar = iterator.next() {
      switch scalar {
      case "\r", "\u{07}": continue
      case "\u{1B}":
        // CSI: ESC [ parameters final-byte; other escapes: ESC and one character.
        guard let next = iterator.next(), next == "[" else { continue }
        while let byte = iterator.next(), !(0x40...0x7E).contains(byte.value) {}
      default:
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
