/**
 * Semantic vectors trained by the platform on its own corpus, on CPU, with nothing downloaded
 * (docs/adr/0020-semantic-answers.md): train word vectors (PPMI + truncated eigen-decomposition),
 * encode sentences (SIF-weighted averages), pack them for the database (int8 + scale), and scan
 * packed vectors exactly. Used by smart answers; the library search can encode with the same model.
 *
 *   wv = trainWordVectors({ lines, pairs })                 // seconds, deterministic
 *   id = await saveModel(db, 'ask', wv, { sifA, mean }, …)  // words in semantic_words, active
 *   v  = encodeTokens(semanticTokens(q), await lookupWords(db, id, wordsToLookUp(tokens)), settings)
 *   new VectorMatrix(dim, rows).nearest(v, 20)              // exact scan of packed vectors
 */
export { trainWordVectors, DEFAULT_TRAIN_OPTIONS, type TrainingCorpus, type TrainOptions, type WordVectors } from './train.js';
export { trainWordVectorsInWorker } from './train-in-worker.js';
export { encodeTokens, semanticTokens, wordsToLookUp, lexiconOf, commonDirection, normalize, type EncoderSettings, type WordInfo, type WordLookup } from './encode.js';
export { packVector, unpackVector, packedDim } from './codec.js';
export { VectorMatrix, similarity } from './matrix.js';
export { saveModel, dropInactiveModels, activeModel, lookupWords, loadLexicon, setVersion, touchSet, bytea, type StoredModel } from './store.js';
