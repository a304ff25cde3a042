// The console's one table: columns described once, an optional search box (filtering the rows in
// the page, or handing the text to the caller to ask the server), and optional paging (of the rows
// given, or of a server's pages). Enter in the search box searches; the pager's buttons are plain
// buttons, so the whole table works by keyboard.
import { useState, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** `hq-num` right-aligns figures. */
  className?: string;
  title?: string;
}

/** Filters the rows given by the text each row is found by (case-insensitive "contains"). */
interface LocalSearch<T> {
  label: string;
  text: (row: T) => string;
}

/** The caller searches (e.g. asks the server) when Enter is pressed or the button is clicked. */
interface RemoteSearch {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onSearch: () => void;
}

/** A server's page of results: the table shows the rows given and asks for other pages. */
export interface RemotePaging {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

export interface SearchTableProps<T> {
  /** Accessible name of the table (tests and screen readers find it by this). */
  label: string;
  caption?: ReactNode;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => Record<string, string | undefined>;
  search?: LocalSearch<T> | RemoteSearch;
  /** Rows per page when the table pages the rows it was given. */
  pageSize?: number;
  paging?: RemotePaging;
  empty?: ReactNode;
  /** Controls shown beside the search box (filters, a store picker). */
  toolbar?: ReactNode;
}

const isRemote = <T,>(s: LocalSearch<T> | RemoteSearch): s is RemoteSearch => 'onSearch' in s;

export function SearchTable<T>(props: SearchTableProps<T>) {
  const { columns, search } = props;
  const [text, setText] = useState('');
  const [localPage, setLocalPage] = useState(1);
  const needle = text.trim().toLowerCase();
  const filtered =
    search && !isRemote(search) && needle
      ? props.rows.filter((r) => search.text(r).toLowerCase().includes(needle))
      : props.rows;
  const size = props.pageSize;
  const pages = props.paging
    ? Math.max(1, Math.ceil(props.paging.total / props.paging.pageSize))
    : size
      ? Math.max(1, Math.ceil(filtered.length / size))
      : 1;
  const page = props.paging ? props.paging.page : Math.min(localPage, pages);
  const shown = !props.paging && size ? filtered.slice((page - 1) * size, page * size) : filtered;
  const total = props.paging ? props.paging.total : filtered.length;
  const goTo = (n: number) => (props.paging ? props.paging.onPage(n) : setLocalPage(n));

  return (
    <div className="hq-search-table">
      {(search || props.toolbar) && (
        <div className="hq-filters hq-search">
          {search && (
            <form
              role="search"
              className="hq-filters"
              onSubmit={(e) => {
                e.preventDefault();
                if (isRemote(search)) search.onSearch();
              }}
            >
              <label>
                {search.label}
                <input
                  type="search"
                  value={isRemote(search) ? search.value : text}
                  onChange={(e) => {
                    if (isRemote(search)) search.onChange(e.target.value);
                    else {
                      setText(e.target.value);
                      setLocalPage(1);
                    }
                  }}
                />
              </label>
              {isRemote(search) && <button type="submit">Search</button>}
            </form>
          )}
          {props.toolbar}
        </div>
      )}
      <table className="hq-table" aria-label={props.label}>
        {props.caption && <caption>{props.caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={c.className} title={c.title}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 && props.empty && (
            <tr>
              <td colSpan={columns.length} className="hq-muted">
                {props.empty}
              </td>
            </tr>
          )}
          {shown.map((row) => (
            <tr key={props.rowKey(row)} {...props.rowProps?.(row)}>
              {columns.map((c) => (
                <td key={c.key} className={c.className}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <nav className="hq-filters hq-pager" aria-label={`${props.label} pages`}>
          <button type="button" disabled={page <= 1} onClick={() => goTo(page - 1)}>
            Previous
          </button>
          <span>
            Page {page} of {pages} ({total} rows)
          </span>
          <button type="button" disabled={page >= pages} onClick={() => goTo(page + 1)}>
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
