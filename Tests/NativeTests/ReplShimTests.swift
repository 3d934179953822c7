// Tests of the readline shim's interrupt flag, which the REPL polls during evaluation.
import ReplShim
import Testing

@Test func interruptFlagIsTakenOnce() {
  _ = replshim_take_interrupt()
  #expect(replshim_interrupt_pending() == 0)
  replshim_raise_interrupt()
  #expect(replshim_interrupt_pending() != 0)
  #expect(replshim_take_interrupt() != 0)
  #expect(replshim_take_interrupt() == 0)
}
