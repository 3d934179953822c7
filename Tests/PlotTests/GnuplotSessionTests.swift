// Tests of GnuplotSession against the real gnuplot: output, errors, death, hangs and reaping.
import Foundation
import Testing

@testable import Plot

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct GnuplotSessionTests {
  @Test func printOutputComesBack() throws {
    let session = GnuplotSession()
    defer { session.close() }
    #expect(try session.run("print 6 * 7") == "42\n")
    #expect(try session.run("x = 3\nprint x, x ** 2") == "3 9\n")
  }

  @Test func outputLargerThanThePipeBufferDoesNotDeadlock() throws {
    let session = GnuplotSession()
    defer { session.close() }
    let line = String(repeating: "x", count: 99)
    let output = try session.run("do for [i=1:3000] { print '\(line)' }")
    #expect(output.count == 3000 * 100)
  }

  @Test func manyWarningsOnStderrDoNotDeadlock() throws {
    let session = GnuplotSession()
    defer { session.close() }
    // `set print` with no file prints to stderr; 3000 lines overflow a pipe buffer.
    let script = "set print\ndo for [i=1:3000] { print GPVAL_VERSION }\nset print '-'\nprint 'ok'"
    let result = try session.execute(GnuplotScript(script))
    #expect(result.text == "ok\n")
    #expect(result.warnings.count == 3000)
  }

  @Test func badCommandBecomesAnErrorWithGnuplotsMessageAndLine() throws {
    let session = GnuplotSession()
    defer { session.close() }
    let script = "print 'first'\nplot foo\nprint 'never'"
    #expect(throws: PlotError.commandFailed(GnuplotFailure(
      message: "undefined variable: foo", line: 2, command: "plot foo",
      stderr: "line 2: undefined variable: foo"))
    ) { try session.run(script) }
    // The session survives the error and keeps its state.
    #expect(try session.run("print 1 + 1") == "2\n")
  }

  @Test func syntaxErrorCarriesTheCaretContextInStderr() throws {
    let session = GnuplotSession()
    defer { session.close() }
    do {
      _ = try session.run("set title 'ok'\nplot sin(x) with garbage")
      Issue.record("expected an error")
    } catch {
      guard case .commandFailed(let failure) = error else { throw error }
      #expect(failure.message == "unrecognized plot type")
      #expect(failure.line == 2)
      #expect(failure.command == "plot sin(x) with garbage")
      #expect(failure.stderr.contains("^"))
      #expect(error.description.hasPrefix("gnuplot error at line 2: unrecognized plot type"))
    }
  }

  @Test func openCloseCyclesLeaveNoChildProcesses() throws {
    let session = GnuplotSession()
    var pids: [Int32] = []
    for _ in 0..<100 {
      try session.start()
      if let pid = session.processIdentifier { pids.append(pid) }
      session.close()
      #expect(session.processIdentifier == nil)
    }
    #expect(pids.count == 100)
    let ours = Set(pids)
    #expect(childProcesses().filter { ours.contains($0.pid) }.isEmpty)
  }

  @Test func killedGnuplotGivesAnErrorThenAFreshSession() throws {
    let session = GnuplotSession()
    defer { session.close() }
    let figure = Figure([.line([1, 4, 9], label: "reward")])
    let terminal = Terminal.text(columns: 60, rows: 15)
    #expect(try session.render(figure, on: terminal).contains("reward"))
    let first = try #require(session.processIdentifier)
    kill(first, SIGKILL)
    #expect(throws: PlotError.self) { try session.render(figure, on: terminal) }
    do {
      #expect(try session.render(figure, on: terminal).contains("reward"))
    } catch {
      Issue.record("the session did not restart: \(error)")
    }
    let second = try #require(session.processIdentifier)
    #expect(second != first)
    #expect(!childProcesses().contains { $0.pid == first })
  }

  @Test func killedGnuplotReportsTheSignal() throws {
    let session = GnuplotSession()
    defer { session.close() }
    try session.start()
    let pid = try #require(session.processIdentifier)
    kill(pid, SIGKILL)
    _ = waitUntil { processState(pid) == "Z" }
    do {
      _ = try session.run("print 1")
      Issue.record("expected an error")
    } catch {
      guard case .processExited(let termination, _, let command) = error else { throw error }
      #expect(termination == .signalled(SIGKILL))
      #expect(command == "print 1")
    }
  }

  @Test func exitInARawCommandIsReportedAndRecovered() throws {
    let session = GnuplotSession()
    defer { session.close() }
    #expect(throws: PlotError.processExited(.exited(0), stderr: "", command: "exit gnuplot")) {
      try session.run("exit gnuplot")
    }
    #expect(try session.run("print 5") == "5\n")
  }

  @Test func missingGnuplotIsAClearErrorNotAHang() throws {
    let session = GnuplotSession(configuration: GnuplotConfiguration(executable: "/nonexistent/gnuplot"))
    #expect(throws: PlotError.gnuplotNotFound(executable: "/nonexistent/gnuplot")) {
      try session.run("print 1")
    }
    let onPath = GnuplotSession(configuration: GnuplotConfiguration(executable: "rlnb-no-such-gnuplot"))
    do {
      try onPath.start()
      Issue.record("expected an error")
    } catch {
      #expect(error == .gnuplotNotFound(executable: "rlnb-no-such-gnuplot"))
      #expect(error.description.contains("scripts/setup"))
      #expect(error.description.contains("apt-get install --no-install-recommends gnuplot-nox"))
      #expect(error.description.contains("RLNB_GNUPLOT"))
    }
  }

  @Test func executableThatExitsAtOnceIsAnErrorNotAHang() throws {
    let session = GnuplotSession(configuration: GnuplotConfiguration(executable: "/bin/false", arguments: []))
    #expect(throws: PlotError.processExited(.exited(1), stderr: "", command: "print 1")) {
      try session.run("print 1")
    }
  }

  @Test func silentExecutableTimesOutAndIsKilled() throws {
    // `cat` echoes the request but never prints the sentinel on a line of its own.
    let configuration = GnuplotConfiguration(executable: "/bin/cat", arguments: [], timeout: .milliseconds(300))
    let session = GnuplotSession(configuration: configuration)
    try session.start()
    let pid = try #require(session.processIdentifier)
    let clock = ContinuousClock()
    let started = clock.now
    #expect(throws: PlotError.timedOut(seconds: 0.3, command: "print 1")) { try session.run("print 1") }
    #expect(clock.now - started < .seconds(3))
    #expect(session.processIdentifier == nil)
    #expect(!childProcesses().contains { $0.pid == pid })
  }

  @Test func configurationReadsTheEnvironment() {
    let configured = GnuplotConfiguration.fromEnvironment([
      "RLNB_GNUPLOT": "/opt/gnuplot/bin/gnuplot", "RLNB_GNUPLOT_TIMEOUT": "2.5",
    ])
    #expect(configured.executable == "/opt/gnuplot/bin/gnuplot")
    #expect(configured.timeout == .milliseconds(2500))
    let defaults = GnuplotConfiguration.fromEnvironment(["RLNB_GNUPLOT_TIMEOUT": "soon"])
    #expect(defaults == GnuplotConfiguration())
    #expect(defaults.arguments == ["--default-settings"])
  }
}

// MARK: - Inspecting this process's children through /proc

/// A child of this test process, read from `/proc/<pid>/stat`.
struct ChildProcessEntry {
  var pid: Int32
  var state: String
}

/// Every process whose parent is this process, zombies included.
func childProcesses() -> [ChildProcessEntry] {
  let me = getpid()
  let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
  return entries.compactMap { name -> ChildProcessEntry? in
    guard let pid = Int32(name), let stat = procStat(pid), stat.parent == me else { return nil }
    return ChildProcessEntry(pid: pid, state: stat.state)
  }
}

/// The state letter (`R`, `S`, `Z`…) of `pid`, or nil if it does not exist.
func processState(_ pid: Int32) -> String? {
  procStat(pid)?.state
}

private func procStat(_ pid: Int32) -> (state: String, parent: Int32)? {
  guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
    let close = text.lastIndex(of: ")")
  else { return nil }
  // After "pid (comm)" come the state and the parent pid; comm itself may contain spaces.
  let fields = text[text.index(after: close)...].split(separator: " ")
  guard fields.count >= 2, let parent = Int32(fields[1]) else { return nil }
  return (String(fields[0]), parent)
}

/// Polls `condition` for up to two seconds.
func waitUntil(_ condition: () -> Bool) -> Bool {
  for _ in 0..<200 {
    if condition() { return true }
    usleep(10_000)
  }
  return condition()
}
