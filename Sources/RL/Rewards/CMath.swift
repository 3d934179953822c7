// The C math library under short names, so numeric code needs no platform imports.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#else
  import Darwin
#endif

@inline(__always) func cPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inline(__always) func cSin(_ x: Double) -> Double { sin(x) }
@inline(__always) func cCos(_ x: Double) -> Double { cos(x) }
@inline(__always) func cTan(_ x: Double) -> Double { tan(x) }
@inline(__always) func cLog(_ x: Double) -> Double { log(x) }
@inline(__always) func cExp(_ x: Double) -> Double { exp(x) }
