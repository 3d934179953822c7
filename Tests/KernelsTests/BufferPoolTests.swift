// Tests of the buffer pool: size classes, reuse, alignment and the cache limit.
import Kernels
import Testing

@Suite struct BufferPoolTests {
  @Test func sizeClassesWasteAtMostAQuarter() {
    for bytes in [1, 64, 65, 1000, 4096, 4097, 100_000, 1_000_001, 123_456_789] {
      let capacity = BufferPool.sizeClass(for: bytes)
      #expect(capacity >= bytes)
      #expect(Double(capacity) <= Double(Swift.max(bytes, 64)) * 1.25 + 64)
    }
  }

  @Test func releasedBuffersAreReusedAndAligned() throws {
    let pool = BufferPool(maximumCachedBytes: 1 << 20)
    let first = try #require(pool.allocate(bytes: 100_000))
    #expect(Int(bitPattern: first) % 64 == 0)
    pool.release(first, bytes: 100_000)
    #expect(pool.statistics.cachedBytes >= 100_000)
    let second = try #require(pool.allocate(bytes: 99_000))  // same size class
    #expect(second == first)
    #expect(pool.statistics.hits == 1)
    pool.release(second, bytes: 99_000)
    pool.trim()
    #expect(pool.statistics.cachedBytes == 0)
  }

  @Test func poolKeepsNoMoreThanItsLimit() throws {
    let pool = BufferPool(maximumCachedBytes: 200_000)
    let buffers = try (0..<4).map { _ in try #require(pool.allocate(bytes: 100_000)) }
    for buffer in buffers { pool.release(buffer, bytes: 100_000) }
    #expect(pool.statistics.cachedBytes <= 200_000)
    pool.trim()
  }
}
