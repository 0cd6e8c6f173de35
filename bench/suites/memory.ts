/** Suite `memory`: LoCoMo evidence recall through the app's pipeline, retrieval latency by size, KV re-evaluation. */
import { basename, join } from 'node:path'
import type { BenchSuite } from '../types'
import { loadBenchEmbedder, loadBundledEmbedder } from '../memory/loadBenchEmbedder'
import { locomoRecall } from '../memory/locomoRecall'
import { openMemoryModel } from '../memory/openMemoryModel'
import { retrievalLatency } from '../memory/retrievalLatency'
import { reevalRatio } from '../memory/reevalRatio'

export const memorySuite: BenchSuite = {
  name: 'memory',
  async run(args) {
    const recallEmbedder = await loadBenchEmbedder(args.embedding)
    const memoryModel = await openMemoryModel(args.memoryModel)
    const recall = await locomoRecall(args.locomo, join(args.workDir, 'locomo'), recallEmbedder, {
      isQuick: args.isQuick,
      generateJson: memoryModel?.generateJson
    })
    process.stderr.write(
      `[bench] memory: LoCoMo recall@10 ${recall.recallAt10.toFixed(3)} over ${recall.questions} questions (${recallEmbedder.id})\n`
    )
    await memoryModel?.dispose()
    await recallEmbedder.dispose()
    // Latency is the index's, measured with the bundled embedder whatever --embedding says (a 100k fill through a
    // GGUF model would take most of an hour on a CPU).
    const latency = await retrievalLatency(
      join(args.workDir, 'latency'),
      await loadBundledEmbedder(),
      args.isQuick ? [1000, 10_000] : [1000, 10_000, 100_000]
    )
    const reeval = await reevalRatio(join(args.workDir, 'reeval'), args.kvModel, args.isQuick ? 10 : 30)
    // A chat that outgrows a 2k context: its history is cut several times on the way.
    const withCuts = await reevalRatio(join(args.workDir, 'reeval-cuts'), args.kvModel, args.isQuick ? 20 : 40, 2048)
    return {
      'memory.locomo.recallAt5': recall.recallAt5,
      'memory.locomo.recallAt10': recall.recallAt10,
      'memory.locomo.byCategory': recall.byCategory,
      'memory.locomo.tokensPerQuery': recall.tokensPerQuery,
      'memory.locomo.embedder': recallEmbedder.id,
      'memory.locomo.factModel': args.memoryModel ? basename(args.memoryModel) : 'rules only',
      'memory.retrieval.p50Ms': latency.p50,
      'memory.retrieval.p95Ms': latency.p95,
      'chat.reevalRatio': reeval.ratio,
      'chat.reevalFinalPromptTokens': reeval.finalPromptTokens,
      'chat.reevalRatioWithCuts': withCuts.ratio,
      'chat.reevalCuts': withCuts.cuts
    }
  }
}
