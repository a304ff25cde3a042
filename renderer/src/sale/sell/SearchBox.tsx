// The scan/search field that has the focus on the sell screen. Digits + Enter add by barcode;
// anything else searches the local catalog as you type (debounced, limited, index-backed). A
// receipt's number (its barcode has letters) + Enter goes to onReceipt, not to the product search.
import { useEffect, useRef, useState } from 'react';
import { useBackend } from '../../model/backend-context';
import type { ProductView } from '../../model/backend';
import { fmt } from '../../ui/format';
import { receiptCodeOf, type ReceiptCode } from './receipt-code';

export const SEARCH_LIMIT = 20;
export const SEARCH_DEBOUNCE_MS = 120;

export interface SearchBoxProps {
  currency: string;
  onCode: (code: string) => void;
  onPick: (product: ProductView) => void;
  /** A receipt's barcode or number (sell/receipt-code.ts), scanned or typed, then Enter. */
  onReceipt: (code: ReceiptCode) => void;
  active: number;
  setActive: (index: number) => void;
  results: ProductView[];
  setResults: (results: ProductView[]) => void;
  inputRef: React.RefObject<HTMLInputElement | null>;
}

export function SearchBox({
  currency,
  onCode,
  onPick,
  onReceipt,
  active,
  setActive,
  results,
  setResults,
  inputRef,
}: SearchBoxProps) {
  const backend = useBackend();
  const [text, setText] = useState('');
  const [searching, setSearching] = useState(false);
  const query = useRef(0);

  useEffect(() => {
    const term = text.trim();
    if (term.length < 2 || /^\d+$/.test(term)) {
      // Only when there is something to clear: a fresh [] would re-render the whole sell screen
      // on every digit a scanner types.
      if (results.length > 0) setResults([]);
      return;
    }
    const id = ++query.current;
    const timer = setTimeout(() => {
      setSearching(true);
      backend.searchProducts(term, SEARCH_LIMIT).then(
        (found) => {
          if (id !== query.current) return; // a newer keystroke already asked again
          setResults(found);
          setActive(0);
          setSearching(false);
        },
        () => setSearching(false),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, backend, setResults, setActive]);

  const submit = (): void => {
    const term = text.trim();
    const receipt = receiptCodeOf(term);
    if (receipt) {
      onReceipt(receipt);
    } else if (results.length > 0 && results[active]) {
      onPick(results[active]);
    } else if (/^\d{4,}$/.test(term)) {
      onCode(term);
    } else {
      return;
    }
    setText('');
    if (results.length > 0) setResults([]);
  };

  return (
    <div className="stack" style={{ gap: 4, position: 'relative' }}>
      <input
        ref={inputRef}
        className="input"
        placeholder="Scan a barcode, or type a name or SKU (F2)"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            submit();
          } else if (e.key === 'Escape' && text) {
            e.stopPropagation();
            setText('');
          }
        }}
        data-scan-input="true"
        data-home-focus
        data-testid="scan-input"
        autoComplete="off"
        autoFocus
        aria-label="Scan or search"
      />
      {searching && results.length === 0 && <span className="muted">Searching…</span>}
      {results.length > 0 && (
        <div className="search-results" role="listbox" data-testid="search-results">
          {results.map((p, i) => (
            <button
              key={p.id}
              type="button"
              tabIndex={-1}
              className={i === active ? 'active' : ''}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                onPick(p);
                setText('');
                setResults([]);
              }}
            >
              <span>
                <strong>{p.name}</strong>{' '}
                <span className="muted">
                  {p.sku}
                  {p.barcodes[0] ? ` · ${p.barcodes[0]}` : ''}
                </span>
              </span>
              <span className="num">
                {fmt(p.price, currency)}
                {p.soldByWeight ? ' /kg' : ''}
              </span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
