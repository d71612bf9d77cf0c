/**
 * The ceiling of unified memory the GPU may wire on an Apple Silicon Mac: Metal's
 * `MTLDevice.recommendedMaxWorkingSetSize`, which llama.cpp, MLX, ollama and PyTorch read
 * directly but Node cannot without native code. So it is worked out from two sysctls:
 *
 * 1. `iogpu.wired_limit_mb` > 0 (macOS 14+, set with `sudo sysctl iogpu.wired_limit_mb=N`,
 *    in MiB, lost at reboot): that many MiB, never more than the RAM. Metal's working set
 *    follows it exactly: AlexsJones/llmfit PR 754 (M3 16 GB, set 12000 / 14000 MiB, Metal
 *    reported those values); antirez/ds4 PR 893 (114688 MiB → 112.00 GiB).
 * 2. 0 (the default: "automatic allocation", in an ml-explore/mlx example) or absent: the
 *    macOS default, 2/3 of RAM up to 36 GiB and 3/4 above. Measured defaults, as llama.cpp
 *    prints `recommendedMaxWorkingSetSize` at start:
 *      16 GiB  → 10922.67 MiB = 2/3  (abetlen/llama-cpp-python issue 687; exo-explore/exo
 *                                     PR 1672: "~10.67 GB on 16GB M4", macOS 15.6)
 *      32 GiB  → 21845.34 MiB = 2/3  (ollama/ollama issue 434, ggml-org/llama.cpp PR 2011)
 *      64 GiB  → about 48 GiB = 3/4  (ggml-org/llama.cpp issue 1870)
 *      96 GiB  → 73728.00 MiB = 3/4  (ggml-org/llama.cpp issue 3213)
 *      128 GiB → 96 GiB       = 3/4  (stencel.io on an M1 Ultra, as ollama reports it)
 *    An MLX developer: the recommended working set is "usually 0.75 * the total ram"
 *    (ml-explore/mlx PR 64). No source measures a 36 GiB Mac: the measurements put the
 *    switch between 32 and 64 GiB, and 36 GiB is where it is commonly said to be.
 *
 * Caveat: this estimates Apple's private heuristic, and macOS 26 seems to raise it: 128 GiB
 * Macs measured 107.52 GiB (~84 %, antirez/ds4 PR 893), a 16 GB M3 11.84 GB (llmfit PR 754).
 * Too few points for a rule, so on the newest macOS this may read low.
 */
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const SMALL_MAC_MAX_BYTES = 36 * GIB;

/** macOS's default GPU working-set ceiling for a Mac with `totalBytes` of memory. */
export function defaultWiredCeilingBytes(totalBytes: number): number {
  return Math.floor(totalBytes <= SMALL_MAC_MAX_BYTES ? (totalBytes * 2) / 3 : (totalBytes * 3) / 4);
}

/**
 * The ceiling, or null when the RAM is unknown (a set limit alone is not trusted: it may
 * exceed the RAM, and without the RAM there is nothing to clamp it to).
 */
export function gpuWiredCeilingBytes(input: { totalBytes: number | null; wiredLimitMb: number | null }): number | null {
  const { totalBytes, wiredLimitMb } = input;
  if (totalBytes === null || !(totalBytes > 0)) return null;
  if (wiredLimitMb !== null && wiredLimitMb > 0) return Math.min(wiredLimitMb * MIB, totalBytes);
  return defaultWiredCeilingBytes(totalBytes);
}
