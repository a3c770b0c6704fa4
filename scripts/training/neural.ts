/**
 * Training's half of the small neural scorer (the run time's half is lib/extract/neural.ts): a projection of the
 * sentence's standardised mean word vector to k numbers and the standardised dense features into one tanh hidden layer,
 * one output; fitted with seeded minibatch Adam, then folded (projection into int8 rows per word, standardisation into
 * the weights) for model.json.
 */
import { DENSE_NAMES } from '../../lib/extract/features.js';
import { hash } from '../../lib/extract/features.js';
import type { NeuralFile } from '../../lib/extract/neural.js';
import { vocabularyIndices } from '../../lib/extract/wordvec.js';
import { encodeInt8 } from './int8.js';
import { hashedIndex, meanVector, quantiseInt8, type WordVectors } from './wordvec.js';

export interface NeuralConfig {
  /** Numbers per word after projection. */
  k: number;
  hidden: number;
  /** The scorer's vocabulary: this many of the most frequent words (model.json size: about 12 bytes a word at k = 8). */
  words: number;
  epochs: number;
  lr: number;
  /** L2 on every weight (decoupled weight decay, per step). */
  l2: number;
  batch: number;
  /** Attention pooling: a learnt score per word (one more int8 per word) weights the mean instead of 1/n. */
  attention?: boolean;
}

export interface NeuralExample {
  /** Lower-cased words of the sentence (Features.words). */
  words: readonly string[];
  dense: Float64Array;
  y: number;
  w: number;
}

/** The vocabulary subset with its vectors, and the statistics the inputs are standardised by. */
export interface NeuralInputs {
  vectors: WordVectors;
  mean: Float64Array;
  sd: Float64Array;
  denseMean: Float64Array;
  denseSd: Float64Array;
}

/** The scorer's vocabulary (the `n` most frequent words) and standardisation statistics from the training sentences. */
export function neuralInputs(all: WordVectors, n: number, train: readonly NeuralExample[]): NeuralInputs {
  const words = all.words.slice(0, n);
  const dims = all.dims;
  const vectors: WordVectors = { words, index: hashedIndex(words), dims, values: all.values.slice(0, n * dims), mean: new Float64Array(dims), sd: new Float64Array(dims).fill(1) };
  const mean = new Float64Array(dims);
  const sq = new Float64Array(dims);
  let count = 0;
  for (const ex of train) {
    const m = meanVector(vectors, ex.words);
    if (!m) continue;
    count++;
    for (let i = 0; i < dims; i++) {
      mean[i] = mean[i]! + m[i]!;
      sq[i] = sq[i]! + m[i]! * m[i]!;
    }
  }
  const sd = new Float64Array(dims);
  for (let i = 0; i < dims; i++) {
    mean[i] = mean[i]! / count;
    sd[i] = Math.sqrt(Math.max(sq[i]! / count - mean[i]! ** 2, 1e-12));
  }
  const D = DENSE_NAMES.length;
  const denseMean = new Float64Array(D);
  const dsq = new Float64Array(D);
  for (const ex of train) for (let d = 0; d < D; d++) {
    denseMean[d] = denseMean[d]! + ex.dense[d]!;
    dsq[d] = dsq[d]! + ex.dense[d]! ** 2;
  }
  const denseSd = new Float64Array(D);
  for (let d = 0; d < D; d++) {
    denseMean[d] = denseMean[d]! / train.length;
    denseSd[d] = Math.sqrt(Math.max(dsq[d]! / train.length - denseMean[d]! ** 2, 1e-4));
  }
  return { vectors, mean, sd, denseMean, denseSd };
}

interface Params {
  /** dims × k projection. */
  P: Float64Array;
  /** hidden × k. */
  W: Float64Array;
  /** hidden × dense. */
  D: Float64Array;
  b1: Float64Array;
  v: Float64Array;
  c: Float64Array;
  /** dims: the attention score of a word is g·(standardised vector) (zeros: plain mean pooling). */
  g: Float64Array;
}

/** Standardised inputs of one sentence: word part (zeros without a known word) and dense part. */
function standardised(inp: NeuralInputs, ex: NeuralExample): { x: Float64Array; ds: Float64Array } {
  const dims = inp.vectors.dims;
  const x = new Float64Array(dims);
  const m = meanVector(inp.vectors, ex.words);
  if (m) for (let i = 0; i < dims; i++) x[i] = (m[i]! - inp.mean[i]!) / inp.sd[i]!;
  const ds = new Float64Array(DENSE_NAMES.length);
  for (let d = 0; d < ds.length; d++) ds[d] = (ex.dense[d]! - inp.denseMean[d]!) / inp.denseSd[d]!;
  return { x, ds };
}

/** Fit the scorer alone (its own logit) on the weighted examples; seeded, so byte-reproducible. */
export function trainNeural(inp: NeuralInputs, data: readonly NeuralExample[], cfg: NeuralConfig, random: () => number, offsets?: ArrayLike<number>): Params {
  const dims = inp.vectors.dims;
  const { k, hidden: H } = cfg;
  const ND = DENSE_NAMES.length;
  const gauss = () => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const init = (n: number, s: number) => Float64Array.from({ length: n }, () => gauss() * s);
  const p: Params = { P: init(dims * k, 1 / Math.sqrt(dims)), W: init(H * k, 1 / Math.sqrt(k + ND)), D: init(H * ND, 1 / Math.sqrt(k + ND)), b1: new Float64Array(H), v: init(H, 1 / Math.sqrt(H)), c: new Float64Array(1), g: new Float64Array(dims) };
  const keys = ['P', 'W', 'D', 'b1', 'v', 'c', 'g'] as const;
  // Attention: each sentence's vocabulary rows, and the standardised vectors of the vocabulary.
  const Z = cfg.attention ? standardisedVocabulary(inp) : undefined;
  const wordsOf = cfg.attention ? data.map((ex) => vocabularyIndices(inp.vectors.index, ex.words)) : [];
  const grad = Object.fromEntries(keys.map((key) => [key, new Float64Array(p[key].length)])) as unknown as Params;
  const m1 = Object.fromEntries(keys.map((key) => [key, new Float64Array(p[key].length)])) as unknown as Params;
  const m2 = Object.fromEntries(keys.map((key) => [key, new Float64Array(p[key].length)])) as unknown as Params;
  const inputs = data.map((ex) => standardised(inp, ex));
  const order = data.map((_, i) => i);
  const u = new Float64Array(k);
  const hh = new Float64Array(H);
  const da = new Float64Array(H);
  const du = new Float64Array(k);
  let step = 0;
  const b1 = 0.9;
  const b2 = 0.999;
  for (let epoch = 0; epoch < cfg.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < order.length; start += cfg.batch) {
      for (const key of keys) grad[key].fill(0);
      const end = Math.min(start + cfg.batch, order.length);
      for (let r = start; r < end; r++) {
        const idx = order[r]!;
        const { x, ds } = inputs[idx]!;
        const ex = data[idx]!;
        u.fill(0);
        const att = Z ? attend(Z, dims, k, p, wordsOf[idx]!, u) : undefined;
        if (!att) for (let i = 0; i < dims; i++) {
          const xi = x[i]!;
          if (xi === 0) continue;
          for (let j = 0; j < k; j++) u[j] = u[j]! + p.P[i * k + j]! * xi;
        }
        // Stacked: the scorer learns what the (out-of-fold) linear logit leaves, not the label afresh.
        let z = p.c[0]! + (offsets ? offsets[idx]! : 0);
        for (let h = 0; h < H; h++) {
          let a = p.b1[h]!;
          for (let j = 0; j < k; j++) a += p.W[h * k + j]! * u[j]!;
          for (let d = 0; d < ND; d++) a += p.D[h * ND + d]! * ds[d]!;
          hh[h] = Math.tanh(a);
          z += p.v[h]! * hh[h]!;
        }
        const g = (1 / (1 + Math.exp(-z)) - ex.y) * ex.w;
        grad.c[0] = grad.c[0]! + g;
        du.fill(0);
        for (let h = 0; h < H; h++) {
          grad.v[h] = grad.v[h]! + g * hh[h]!;
          da[h] = g * p.v[h]! * (1 - hh[h]! * hh[h]!);
          grad.b1[h] = grad.b1[h]! + da[h]!;
          for (let j = 0; j < k; j++) {
            grad.W[h * k + j] = grad.W[h * k + j]! + da[h]! * u[j]!;
            du[j] = du[j]! + p.W[h * k + j]! * da[h]!;
          }
          for (let d = 0; d < ND; d++) grad.D[h * ND + d] = grad.D[h * ND + d]! + da[h]! * ds[d]!;
        }
        if (att) {
          // Through the softmax: d score_t = α_t (dα_t − Σ α dα), with dα_t = du · u_t.
          const at = wordsOf[idx]!;
          let mean = 0;
          const dAlpha = new Float64Array(at.length);
          for (let t = 0; t < at.length; t++) {
            for (let j = 0; j < k; j++) dAlpha[t] = dAlpha[t]! + du[j]! * att.rows[t * k + j]!;
            mean += att.alpha[t]! * dAlpha[t]!;
          }
          for (let t = 0; t < at.length; t++) {
            const ds = att.alpha[t]! * (dAlpha[t]! - mean);
            const a = att.alpha[t]!;
            const base = at[t]! * dims;
            for (let i = 0; i < dims; i++) {
              const zi = Z![base + i]!;
              grad.g[i] = grad.g[i]! + ds * zi;
              for (let j = 0; j < k; j++) grad.P[i * k + j] = grad.P[i * k + j]! + a * zi * du[j]!;
            }
          }
        } else for (let i = 0; i < dims; i++) {
          const xi = x[i]!;
          if (xi === 0) continue;
          for (let j = 0; j < k; j++) grad.P[i * k + j] = grad.P[i * k + j]! + xi * du[j]!;
        }
      }
      step++;
      const n = end - start;
      const c1 = 1 - b1 ** step;
      const c2 = 1 - b2 ** step;
      for (const key of keys) {
        const w = p[key];
        const gk = grad[key];
        const a1 = m1[key];
        const a2 = m2[key];
        for (let i = 0; i < w.length; i++) {
          const gi = gk[i]! / n;
          a1[i] = b1 * a1[i]! + (1 - b1) * gi;
          a2[i] = b2 * a2[i]! + (1 - b2) * gi * gi;
          w[i] = w[i]! - cfg.lr * ((a1[i]! / c1) / (Math.sqrt(a2[i]! / c2) + 1e-8) + cfg.l2 * w[i]!);
        }
      }
    }
  }
  return p;
}

/** The vocabulary's vectors standardised as the sentence means are: (v − μ)/σ, words × dims. */
function standardisedVocabulary(inp: NeuralInputs): Float64Array {
  const { dims, values, words } = inp.vectors;
  const Z = new Float64Array(words.length * dims);
  for (let w = 0; w < words.length; w++) for (let i = 0; i < dims; i++) Z[w * dims + i] = (values[w * dims + i]! - inp.mean[i]!) / inp.sd[i]!;
  return Z;
}

/** Attention pooling of the sentence's words into `u` (k); undefined (u untouched) when it has no vocabulary word. */
function attend(Z: Float64Array, dims: number, k: number, p: Params, at: readonly number[], u: Float64Array): { alpha: Float64Array; rows: Float64Array } | undefined {
  if (at.length === 0) return undefined;
  const alpha = new Float64Array(at.length);
  const rows = new Float64Array(at.length * k);
  let max = -Infinity;
  for (let t = 0; t < at.length; t++) {
    const base = at[t]! * dims;
    let s = 0;
    for (let i = 0; i < dims; i++) {
      const zi = Z[base + i]!;
      s += p.g[i]! * zi;
      for (let j = 0; j < k; j++) rows[t * k + j] = rows[t * k + j]! + p.P[i * k + j]! * zi;
    }
    alpha[t] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let t = 0; t < at.length; t++) sum += alpha[t] = Math.exp(alpha[t]! - max);
  for (let t = 0; t < at.length; t++) {
    alpha[t] = alpha[t]! / sum;
    for (let j = 0; j < k; j++) u[j] = u[j]! + alpha[t]! * rows[t * k + j]!;
  }
  return { alpha, rows };
}

/** The scorer's own logit for standardised inputs (training-side check of the fold). */
export function neuralLogit(inp: NeuralInputs, p: Params, cfg: NeuralConfig, ex: NeuralExample): number {
  const { x, ds } = standardised(inp, ex);
  const ND = DENSE_NAMES.length;
  const u = new Float64Array(cfg.k);
  const attended = cfg.attention && attend(standardisedVocabulary(inp), inp.vectors.dims, cfg.k, p, vocabularyIndices(inp.vectors.index, ex.words), u);
  if (!attended) for (let j = 0; j < cfg.k; j++) for (let i = 0; i < x.length; i++) u[j] = u[j]! + p.P[i * cfg.k + j]! * x[i]!;
  let z = p.c[0]!;
  for (let h = 0; h < cfg.hidden; h++) {
    let a = p.b1[h]!;
    for (let j = 0; j < cfg.k; j++) a += p.W[h * cfg.k + j]! * u[j]!;
    for (let d = 0; d < ND; d++) a += p.D[h * ND + d]! * ds[d]!;
    z += p.v[h]! * Math.tanh(a);
  }
  return z;
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Fold for the run time, its output scaled by `alpha` (the weight of the scorer beside the linear logit): each word's
 * projected vector P·(v/σ) as int8 rows, the offset P·(μ/σ), dense standardisation into the hidden weights and biases.
 */
export function foldNeural(inp: NeuralInputs, p: Params, cfg: NeuralConfig, alpha: number): NeuralFile {
  const { vectors: vv, mean, sd } = inp;
  const { k, hidden: H } = cfg;
  const dims = vv.dims;
  const ND = DENSE_NAMES.length;
  const rows = new Float64Array(vv.words.length * k);
  for (let w = 0; w < vv.words.length; w++) {
    for (let j = 0; j < k; j++) {
      let a = 0;
      for (let i = 0; i < dims; i++) a += (p.P[i * k + j]! * vv.values[w * dims + i]!) / sd[i]!;
      rows[w * k + j] = a;
    }
  }
  const offset = Array.from({ length: k }, (_, j) => {
    let a = 0;
    for (let i = 0; i < dims; i++) a += (p.P[i * k + j]! * mean[i]!) / sd[i]!;
    return r6(a);
  });
  const hashes = vv.words.map((w) => hash(w));
  const order = vv.words.map((_, i) => i).sort((x, y) => hashes[x]! - hashes[y]!);
  const sorted = new Uint32Array(order.map((i) => hashes[i]!));
  const bytes = new Uint8Array(sorted.length * 4);
  const view = new DataView(bytes.buffer);
  sorted.forEach((h, i) => view.setUint32(i * 4, h, true));
  const ordered = new Float64Array(rows.length);
  order.forEach((w, at) => ordered.set(rows.subarray(w * k, w * k + k), at * k));
  const { q, scale } = quantiseInt8(ordered);
  // Attention score per word: g·(v − μ)/σ; the −g·μ/σ part is the same for every word and cancels in the softmax.
  const attention = cfg.attention ? quantiseInt8(order.map((w) => {
    let a = 0;
    for (let i = 0; i < dims; i++) a += (p.g[i]! * vv.values[w * dims + i]!) / sd[i]!;
    return a;
  })) : undefined;
  const b1 = Array.from(p.b1);
  const dense: Record<string, number[]> = {};
  DENSE_NAMES.forEach((name, d) => {
    dense[name] = Array.from({ length: H }, (_, h) => {
      const w = p.D[h * ND + d]! / inp.denseSd[d]!;
      b1[h] = b1[h]! - w * inp.denseMean[d]!;
      return r6(w);
    });
  });
  return {
    hashes: encodeInt8(new Int8Array(bytes.buffer)),
    rows: encodeInt8(q),
    scale,
    k,
    hidden: H,
    offset,
    words: Array.from(p.W, r6),
    dense,
    b1: b1.map(r6),
    out: Array.from(p.v, (x) => r6(x * alpha)),
    bias: r6(p.c[0]! * alpha),
    ...(attention ? { attention: encodeInt8(attention.q), attentionScale: attention.scale } : {}),
  };
}
