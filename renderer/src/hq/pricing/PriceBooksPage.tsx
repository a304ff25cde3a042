// Price books: the list (stores selling from each, products priced), a new book, a book's prices
// found by SKU or name a page at a time and edited in place (empty = no price in this book), moving
// stores onto a book, and who changed what. Bulk prices for the default book: the Import page.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { minorUnitExponent } from '../../../../shared/money';
import { api, errorText } from '../api';
import { can, useSession } from '../session-store';
import { Dialog } from '../shell/Dialog';
import { SearchTable } from '../shared/SearchTable';
import { StoreChecklist, useStores } from '../shared/StorePicker';
import { decimalToInt, intToDecimal, type AuditEntry, type BookPricesPage, type PriceBookRow } from './pricing-types';
import { Notices } from '../shared/Notices';

const PAGE_SIZE = 25;

function exponentOf(currency: string): number {
  try {
    return minorUnitExponent(currency);
  } catch {
    return 2;
  }
}

export function PriceBooksPage() {
  const user = useSession((s) => s.user);
  const operator = can(user, 'operations');
  const [books, setBooks] = useState<PriceBookRow[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [assigning, setAssigning] = useState<PriceBookRow | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stores = useStores((e) => setError(errorText(e)));

  const load = useCallback(async () => {
    try {
      setBooks((await api<{ priceBooks: PriceBookRow[] }>('GET', '/price-books')).priceBooks);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const book = books.find((b) => b.id === selected) ?? null;

  return (
    <section aria-labelledby="books-title">
      <div className="hq-head">
        <h1 id="books-title">Price books</h1>
        {operator && (
          <button type="button" className="hq-primary" onClick={() => setCreating(true)}>
            New price book
          </button>
        )}
      </div>
      <Notices message={message} error={error} />
      <SearchTable
        label="Price books"
        rows={books}
        rowKey={(b) => b.id}
        search={{ label: 'Find book', text: (b) => `${b.payload.name} ${b.key} ${b.stores.join(' ')}` }}
        empty="No price books."
        columns={[
          { key: 'name', header: 'Name', cell: (b) => b.payload.name },
          { key: 'key', header: 'Key', cell: (b) => b.key },
          { key: 'currency', header: 'Currency', cell: (b) => b.payload.currency },
          { key: 'stores', header: 'Stores', cell: (b) => b.stores.join(', ') || '—' },
          { key: 'priced', header: 'Products priced', className: 'hq-num', cell: (b) => b.priced },
          {
            key: 'actions',
            header: '',
            cell: (b) => (
              <>
                <button type="button" aria-label={`Prices of ${b.payload.name}`} onClick={() => setSelected(b.id)}>
                  Prices
                </button>{' '}
                {operator && (
                  <button type="button" aria-label={`Stores of ${b.payload.name}`} onClick={() => setAssigning(b)}>
                    Assign stores
                  </button>
                )}
              </>
            ),
          },
        ]}
      />
      <p className="hq-muted">
        A store sells from one price book. Many prices at once for the chain&apos;s default book:{' '}
        <a href="#/import">import a products CSV</a>.
      </p>
      {book && <BookPrices key={book.id} book={book} operator={operator} onChanged={() => void load()} />}
      {creating && (
        <NewBookDialog
          onClose={() => setCreating(false)}
          onSaved={(name) => {
            setCreating(false);
            setMessage(`Price book ${name} created; add its prices and assign stores.`);
            void load();
          }}
        />
      )}
      {assigning && (
        <AssignDialog
          book={assigning}
          stores={stores}
          onClose={() => setAssigning(null)}
          onSaved={(codes) => {
            setAssigning(null);
            setMessage(
              `${codes.join(', ')} now sell from ${assigning.payload.name}; registers receive it on their next sync.`,
            );
            void load();
          }}
        />
      )}
    </section>
  );
}

function BookPrices({ book, operator, onChanged }: { book: PriceBookRow; operator: boolean; onChanged: () => void }) {
  const [query, setQuery] = useState('');
  const [page, setPage] = useState<BookPricesPage | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const decimals = exponentOf(book.payload.currency);

  const fetchPage = useCallback(
    async (n: number, q: string) => {
      try {
        const params = new URLSearchParams({ q, page: String(n), pageSize: String(PAGE_SIZE) });
        setPage(await api<BookPricesPage>('GET', `/price-books/${book.id}/prices?${params.toString()}`));
        setAudit(
          (await api<{ entries: AuditEntry[] }>('GET', `/pricing/audit?entityId=${encodeURIComponent(book.id)}`))
            .entries,
        );
        setDrafts({});
      } catch (e) {
        setError(errorText(e));
      }
    },
    [book.id],
  );
  useEffect(() => {
    void fetchPage(1, '');
  }, [fetchPage]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const prices = Object.entries(drafts).map(([sku, text]) => ({ sku, price: text.trim() === '' ? null : text }));
    if (prices.length === 0) return;
    setError(null);
    try {
      const result = await api<{ changed: number }>('POST', `/price-books/${book.id}/prices`, { prices });
      setStatus(`${result.changed} price(s) saved in ${book.payload.name}.`);
      onChanged();
      await fetchPage(page?.page ?? 1, query);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section className="hq-panel" aria-labelledby="book-prices-title">
      <h2 id="book-prices-title">
        Prices in {book.payload.name} ({book.payload.currency})
      </h2>
      {status && (
        <p role="status" className="hq-notice">
          {status}
        </p>
      )}
      {error && (
        <p role="alert" className="hq-error">
          {error}
        </p>
      )}
      <form id="book-prices-form" onSubmit={(e) => void save(e)} />
      <SearchTable
        label={`Prices in ${book.payload.name}`}
        rows={page?.items ?? []}
        rowKey={(r) => r.productId}
        search={{
          label: 'SKU or name',
          value: query,
          onChange: setQuery,
          onSearch: () => void fetchPage(1, query),
        }}
        {...(page
          ? {
              paging: {
                page: page.page,
                pageSize: page.pageSize,
                total: page.total,
                onPage: (n) => void fetchPage(n, query),
              },
            }
          : {})}
        empty={page ? 'No product matches.' : 'Loading…'}
        columns={[
          { key: 'sku', header: 'SKU', cell: (r) => r.sku },
          { key: 'name', header: 'Name', cell: (r) => r.name },
          {
            key: 'price',
            header: 'Price',
            className: 'hq-num',
            cell: (r) => {
              const shown = r.amount === null ? '' : intToDecimal(r.amount, decimals, true);
              return operator ? (
                <input
                  form="book-prices-form"
                  aria-label={`Price of ${r.sku}`}
                  inputMode="decimal"
                  size={9}
                  value={drafts[r.sku] ?? shown}
                  aria-invalid={
                    drafts[r.sku] !== undefined &&
                    drafts[r.sku] !== '' &&
                    Number.isNaN(decimalToInt(drafts[r.sku] ?? '', decimals))
                  }
                  onChange={(e) => setDrafts({ ...drafts, [r.sku]: e.target.value })}
                />
              ) : (
                shown || '—'
              );
            },
          },
        ]}
      />
      {operator && (
        <div className="hq-actions">
          <button
            type="submit"
            form="book-prices-form"
            className="hq-primary"
            disabled={Object.keys(drafts).length === 0}
          >
            Save prices
          </button>
          <span className="hq-muted">Enter in a price saves; an empty price removes the product from this book.</span>
        </div>
      )}
      <AuditTable entries={audit} />
    </section>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <SearchTable
      label="Changes"
      caption="Changes"
      rows={entries}
      rowKey={(e) => e.id}
      pageSize={10}
      empty="No changes from the console yet."
      columns={[
        { key: 'at', header: 'When', cell: (e) => new Date(e.at).toLocaleString() },
        { key: 'who', header: 'Who', cell: (e) => `${e.byEmail} (${e.byRole})` },
        { key: 'action', header: 'What', cell: (e) => e.action },
        { key: 'summary', header: 'Details', cell: (e) => e.summary },
      ]}
    />
  );
}

function NewBookDialog({ onClose, onSaved }: { onClose: () => void; onSaved: (name: string) => void }) {
  const [f, setF] = useState({ name: '', key: '', currency: 'USD' });
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('POST', '/price-books', f);
      onSaved(f.name);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Dialog title="New price book" onClose={onClose}>
      <form className="hq-form" onSubmit={(e) => void submit(e)}>
        <label>
          Name{' '}
          <input
            value={f.name}
            autoFocus
            required
            onChange={(e) =>
              setF({
                ...f,
                name: e.target.value,
                key: e.target.value
                  .toLowerCase()
                  .replace(/[^a-z0-9]+/g, '-')
                  .replace(/^-|-$/g, ''),
              })
            }
          />
        </label>
        <label>
          Key <input value={f.key} required onChange={(e) => setF({ ...f, key: e.target.value })} />
        </label>
        <label>
          Currency{' '}
          <input
            value={f.currency}
            required
            maxLength={3}
            onChange={(e) => setF({ ...f, currency: e.target.value.toUpperCase() })}
          />
        </label>
        {error && (
          <p role="alert" className="hq-error hq-wide">
            {error}
          </p>
        )}
        <div className="hq-actions hq-wide">
          <button type="submit" className="hq-primary">
            Create
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function AssignDialog({
  book,
  stores,
  onClose,
  onSaved,
}: {
  book: PriceBookRow;
  stores: { id: string; code: string; name?: string | undefined }[];
  onClose: () => void;
  onSaved: (codes: string[]) => void;
}) {
  const [ids, setIds] = useState<string[]>(stores.filter((s) => book.stores.includes(s.code)).map((s) => s.id));
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onSaved((await api<{ stores: string[] }>('POST', `/price-books/${book.id}/stores`, { storeIds: ids })).stores);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Dialog title={`Stores selling from ${book.payload.name}`} onClose={onClose}>
      <form className="hq-form" onSubmit={(e) => void submit(e)}>
        <p className="hq-muted hq-wide">
          A store sells from one book: checking a store moves it onto this one. To take a store off, assign it another
          book.
        </p>
        <StoreChecklist legend="Stores" stores={stores} value={ids} onChange={setIds} />
        {error && (
          <p role="alert" className="hq-error hq-wide">
            {error}
          </p>
        )}
        <div className="hq-actions hq-wide">
          <button type="submit" className="hq-primary" disabled={ids.length === 0}>
            Assign
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
