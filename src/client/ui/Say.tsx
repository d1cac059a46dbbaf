import { sayParts, type Phrase } from '../i18n/index.js';

/**
 * A phrase with each of its text parameters (names, other people's words) in a <bdi>, so an Arabic or
 * Hebrew name keeps its own direction without reordering the sentence around it.
 */
export function Say({ phrase }: { phrase: Phrase }) {
  return <>{sayParts(phrase).map((part, index) => (part.param ? <bdi key={index}>{part.text}</bdi> : part.text))}</>;
}
