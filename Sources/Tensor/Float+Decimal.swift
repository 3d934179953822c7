// Float+Decimal: float32 values as the decimal people wrote, for printing and logs.

extension Float {
  /// The double nearest to this value's shortest decimal form: 5e-6 as a Float becomes the
  /// double 5e-6, not 4.999999873689376e-06. Converting back to Float gives this value again,
  /// so nothing float32 can represent is lost; logs and printed statistics read as they were set.
  public var shortestDouble: Double {
    isFinite ? Double(description) ?? Double(self) : Double(self)
  }
}
