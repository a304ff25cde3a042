// The product grid beside scan and search: HQ's quick keys as tabs (Favourites, then categories)
// of product keys. Keyboard first: Tab reaches the tab row, then the keys (one stop each, the
// rest by arrows); Left/Right change tabs; arrows move between keys; Enter or Space adds. The
// section is marked data-arrow-keys so ↑/↓ move here instead of the cart selection, and a
// scanner still works while a key has focus (its digits go to the scan buffer, its Enter is the
// scan's, not a key press).
import { memo, useEffect, useRef, useState } from 'react';
import type { ProductView, QuickKeyPanel } from '../../model/backend';
import { fmt } from '../../ui/format';
import './product-grid.css';

export const GRID_COLUMNS = 3;

/** Where an arrow key moves in a row-major grid of `count` keys; undefined: not a move key. */
export function moveInGrid(index: number, key: string, count: number, columns = GRID_COLUMNS): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  switch (key) {
    case 'ArrowRight':
      return Math.min(last, index + 1);
    case 'ArrowLeft':
      return Math.max(0, index - 1);
    case 'ArrowDown':
      return index + columns <= last ? index + columns : index;
    case 'ArrowUp':
      return index - columns >= 0 ? index - columns : index;
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}

/** Memoised: its props (the panel, the currency, a stable onAdd) do not change when a scan adds a line. */
export const ProductGrid = memo(function ProductGrid({
  panel,
  currency,
  onAdd,
}: {
  panel: QuickKeyPanel;
  currency: string;
  onAdd: (product: ProductView) => void;
}) {
  const [tab, setTab] = useState(0);
  const [focused, setFocused] = useState(0);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const keyRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = panel.tabs[Math.min(tab, panel.tabs.length - 1)];
  const keys = current?.keys ?? [];

  // HQ changed the keys: stay on a tab and a key that still exist.
  useEffect(() => {
    if (tab >= panel.tabs.length && panel.tabs.length > 0) setTab(panel.tabs.length - 1);
  }, [panel.tabs.length, tab]);
  useEffect(() => {
    if (focused >= keys.length && keys.length > 0) setFocused(keys.length - 1);
  }, [keys.length, focused]);

  if (panel.tabs.length === 0 || !current) {
    return (
      <section className="product-grid" data-testid="product-grid" aria-label="Product grid">
        <p className="muted">No quick keys yet: HQ sets them up under Quick keys. Scan or search meanwhile.</p>
      </section>
    );
  }

  const selectTab = (index: number): void => {
    setTab(index);
    setFocused(0);
    tabRefs.current[index]?.focus();
  };

  return (
    <section className="product-grid" data-testid="product-grid" aria-label="Product grid" data-arrow-keys>
      <div className="product-grid-tabs" role="tablist" aria-label="Quick key categories">
        {panel.tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`grid-tab-${t.id}`}
            aria-selected={t === current}
            aria-controls="grid-keys"
            tabIndex={t === current ? 0 : -1}
            className={t === current ? 'active' : ''}
            style={t.color ? { borderBottomColor: t.color } : undefined}
            data-testid="grid-tab"
            onClick={() => selectTab(i)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (step !== 0) {
                e.preventDefault();
                selectTab((i + step + panel.tabs.length) % panel.tabs.length);
              } else if (e.key === 'ArrowDown') {
                e.preventDefault();
                keyRefs.current[focused]?.focus();
              }
            }}
          >
            {t.name}
          </button>
        ))}
      </div>
      <div
        className="product-grid-keys"
        role="tabpanel"
        id="grid-keys"
        aria-labelledby={`grid-tab-${current.id}`}
        style={{ gridTemplateColumns: `repeat(${GRID_COLUMNS}, minmax(0, 1fr))` }}
      >
        {keys.map((k, i) => {
          const product = panel.products[k.productId];
          return (
            <button
              key={k.productId}
              ref={(el) => {
                keyRefs.current[i] = el;
              }}
              type="button"
              className="grid-key"
              tabIndex={i === focused ? 0 : -1}
              disabled={!product}
              title={k.name}
              data-testid="grid-key"
              onFocus={() => setFocused(i)}
              onClick={() => product && onAdd(product)}
              onKeyDown={(e) => {
                // The global key listener runs first: Enter that ends a scan arrives prevented.
                if ((e.key === 'Enter' || e.key === ' ') && !e.defaultPrevented) {
                  e.preventDefault();
                  if (product) onAdd(product);
                  return;
                }
                if (e.key === 'ArrowUp' && i < GRID_COLUMNS) {
                  e.preventDefault();
                  tabRefs.current[tab]?.focus();
                  return;
                }
                const next = moveInGrid(i, e.key, keys.length);
                if (next === undefined) return;
                e.preventDefault();
                setFocused(next);
                keyRefs.current[next]?.focus();
              }}
            >
              <span className="grid-key-name">{k.label}</span>
              <span className="grid-key-price num">
                {fmt(k.price, currency)}
                {k.soldByWeight ? ' /kg' : ''}
              </span>
            </button>
          );
        })}
      </div>
      {current.unavailable > 0 && (
        <p className="muted" data-testid="grid-unavailable">
          {current.unavailable} {current.unavailable === 1 ? 'key is' : 'keys are'} not available (not in the catalog or
          no longer sold).
        </p>
      )}
    </section>
  );
});
