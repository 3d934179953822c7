// Tests of the reflection analysis against MAYE's own log_reflection_analysis (reflection.json).
import Foundation
import Testing
@testable import RL

struct ReflectionReference: Decodable {
  struct Text: Decodable { let id: Int, text: String, is_correct: Bool, has_reflection: Bool, word_counts: [String: Int] }
  struct Batch: Decodable {
    let name: String, world_size: Int
    let text_ids: [Int]?, text_ids_per_rank: [[Int]]?
    var ids: [Int] { text_ids ?? (text_ids_per_rank ?? []).flatMap { $0 } }
    let reflection_analysis: [String: Double], reflection_words: [String: Int], reflection_correct_table_first_text: String?
  }
  let reflection_words: [String], texts: [Text], batches: [Batch]
}

@Suite struct ReflectionTests {
  let reference: ReflectionReference

  init() throws { reference = try JSONDecoder().decode(ReflectionReference.self, from: referenceFile("reflection.json")) }

  @Test func wordsAndPerTextCountsMatchMAYE() {
    #expect(Reflection.words == reference.reflection_words)
    for text in reference.texts {
      #expect(Reflection.wordCounts(in: text.text) == text.word_counts, "text \(text.id): \(text.text)")
      #expect(Reflection.isReflective(text.text) == text.has_reflection, "text \(text.id)")
    }
  }

  @Test func batchRatiosAndCountsMatchMAYE() {
    for batch in reference.batches {
      let texts = batch.ids.map { reference.texts[$0] }
      let analysis = Reflection.analyze(texts: texts.map(\.text), correct: texts.map(\.is_correct), ranks: batch.world_size)
      for (name, value) in batch.reflection_analysis {
        #expect(Swift.abs((analysis.ratios[name] ?? .nan) - value) < 1e-12, "\(batch.name) \(name)")
      }
      #expect(analysis.ratios.count == 5)
      for (name, count) in batch.reflection_words { #expect(analysis.wordCounts[name] == count, "\(batch.name) \(name)") }
      #expect(analysis.reflectiveCorrectExample == batch.reflection_correct_table_first_text, "\(batch.name) example")
    }
  }
}
