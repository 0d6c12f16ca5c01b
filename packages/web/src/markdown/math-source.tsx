import { useLazyModule } from "./lazy-module.js";
import { mathTypesetter } from "./lazy-parts.js";

/**
 * Math shown as its TeX source until KaTeX has loaded; rendering it asks for KaTeX, and the block
 * renders again, typeset, once it is there.
 */
export function MathSource({ tex, display }: { tex: string; display: boolean }) {
  useLazyModule(mathTypesetter, true);
  if (display) {
    return (
      <pre className="md-math-source">
        <code>{tex}</code>
      </pre>
    );
  }
  return <code className="md-math-source">{tex}</code>;
}
