// SafeTensorsFile: a memory-mapped safetensors file, read tensor by tensor into float32.
import Foundation
import Tensor

/// A safetensors file opened read-only through `mmap`.
///
/// The header is validated when the file is opened (see `SafeTensorsHeader`); tensor data is
/// only touched when a tensor is read, and F16/BF16/F64 values are converted to float32 then.
/// Nothing reads outside the mapping, whatever the header claims.
public final class SafeTensorsFile: @unchecked Sendable {
  /// The file's path, for messages.
  public let path: String
  /// The stored tensors by name.
  public let entries: [String: SafeTensorsEntry]
  /// The header's `__metadata__` strings.
  public let metadata: [String: String]
  private let mapping: UnsafeMutableRawPointer
  private let mappingSize: Int
  private let dataOffset: Int

  /// Opens and validates `path`.
  /// - Throws: `ModelError.fileUnreadable` or `.invalidSafeTensors` naming the tensor at fault.
  public init(path: String) throws {
    self.path = path
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw ModelError.fileUnreadable(path: path, reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw ModelError.fileUnreadable(path: path, reason: String(cString: strerror(errno))) }
    let size = Int(status.st_size)
    guard size >= 8 else { throw ModelError.invalidSafeTensors(path: path, tensor: nil, reason: "file is \(size) bytes, shorter than the 8-byte header length") }
    guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
      throw ModelError.fileUnreadable(path: path, reason: "cannot map: \(String(cString: strerror(errno)))")
    }
    var headerLength: UInt64 = 0
    withUnsafeMutableBytes(of: &headerLength) { $0.copyMemory(from: UnsafeRawBufferPointer(start: mapped, count: 8)) }
    headerLength = UInt64(littleEndian: headerLength)
    guard headerLength <= UInt64(SafeTensorsHeader.maximumLength), Int(headerLength) <= size - 8 else {
      munmap(mapped, size)
      throw ModelError.invalidSafeTensors(path: path, tensor: nil, reason: "header length \(headerLength) exceeds the file size \(size)")
    }
    let json = Data(bytes: mapped + 8, count: Int(headerLength))
    let header: SafeTensorsHeader
    do {
      header = try SafeTensorsHeader(json: json, dataSize: size - 8 - Int(headerLength), path: path)
    } catch {
      munmap(mapped, size)
      throw error
    }
    self.entries = header.entries
    self.metadata = header.metadata
    self.mapping = mapped
    self.mappingSize = size
    self.dataOffset = 8 + Int(headerLength)
  }

  deinit { munmap(mapping, mappingSize) }

  /// The stored names, sorted.
  public var names: [String] { entries.keys.sorted() }

  /// A new float32 tensor with the values of `name`.
  public func tensor(_ name: String) throws -> Tensor {
    guard let entry = entries[name] else { throw ModelError.invalidSafeTensors(path: path, tensor: name, reason: "no such tensor") }
    let result = try wrapTensorError { try Tensor.zeros(entry.shape) }
    try read(name, into: result)
    return result
  }

  /// Copies the values of `name`, converted to float32, into `destination` (which must have the
  /// stored shape and be contiguous, e.g. a parameter).
  public func read(_ name: String, into destination: Tensor) throws {
    guard let entry = entries[name] else { throw ModelError.invalidSafeTensors(path: path, tensor: name, reason: "no such tensor") }
    guard entry.shape == destination.shape else {
      throw ModelError.weightMismatch(path: path, missing: [], unexpected: [], wrongShapes: ["\(name) is \(entry.shape) in the file, \(destination.shape) in the model"])
    }
    guard entry.dtype.isFloatingPoint else {
      throw ModelError.invalidSafeTensors(path: path, tensor: name, reason: "dtype \(entry.dtype.rawValue) cannot be loaded as float32")
    }
    let source = UnsafeRawPointer(mapping + dataOffset + entry.byteRange.lowerBound)
    try wrapTensorError { try destination.withUnsafeMutableScalars { convert(entry.dtype, from: source, into: $0) } }
  }

  /// Converts `values.count` stored elements at `source` to float32.
  private func convert(_ dtype: SafeTensorsDType, from source: UnsafeRawPointer, into values: UnsafeMutableBufferPointer<Float>) {
    let count = values.count
    switch dtype {
    case .float32:
      if let address = values.baseAddress { UnsafeMutableRawPointer(address).copyMemory(from: source, byteCount: count * 4) }
    case .bfloat16:
      // bfloat16 is the high half of a float32: shift it back into place.
      for i in 0..<count {
        let bits = UInt32(source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)) << 16
        values[i] = Float(bitPattern: bits)
      }
    case .float16:
      for i in 0..<count { values[i] = Float(Float16(bitPattern: source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) }
    case .float64:
      for i in 0..<count { values[i] = Float(source.loadUnaligned(fromByteOffset: 8 * i, as: Double.self)) }
    default:
      break
    }
  }
}

/// Runs `body`, turning a `TensorError` into `ModelError.tensor`.
func wrapTensorError<Result>(_ body: () throws -> Result) throws -> Result {
  do { return try body() } catch let error as TensorError { throw ModelError.tensor(error) }
}
