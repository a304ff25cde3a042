// The shared table: the search box filters the rows given, paging splits them, and a remote search
// hands the text to the caller on Enter.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { SearchTable } from './SearchTable';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

function mount(node: React.ReactNode): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root?.render(node));
  return host;
}

function type(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  act(() => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const rows = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, name: i % 2 ? `odd ${i}` : `even ${i}` }));
const columns = [{ key: 'name', header: 'Name', cell: (r: { name: string }) => r.name }];
const bodyText = (el: HTMLElement) => [...el.querySelectorAll('tbody tr')].map((tr) => tr.textContent);

describe('SearchTable', () => {
  it('filters the rows by the search text and pages them', () => {
    const el = mount(
      <SearchTable
        label="Things"
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        pageSize={3}
        empty="None match."
        search={{ label: 'Find', text: (r) => r.name }}
      />,
    );
    expect(bodyText(el)).toEqual(['even 0', 'odd 1', 'even 2']);
    expect(el.textContent).toContain('Page 1 of 3 (7 rows)');
    const next = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Next') as HTMLButtonElement;
    act(() => next.click());
    expect(bodyText(el)).toEqual(['odd 3', 'even 4', 'odd 5']);
    type(el.querySelector('input[type=search]') as HTMLInputElement, 'ODD');
    expect(bodyText(el)).toEqual(['odd 1', 'odd 3', 'odd 5']);
    expect(el.textContent).not.toContain('Page');
    type(el.querySelector('input[type=search]') as HTMLInputElement, 'nothing');
    expect(bodyText(el)).toEqual(['None match.']);
  });

  it('hands a remote search to the caller on Enter and asks for other pages', () => {
    const asked: string[] = [];
    const el = mount(
      <SearchTable
        label="Remote"
        rows={rows.slice(0, 2)}
        columns={columns}
        rowKey={(r) => r.id}
        search={{ label: 'SKU', value: 'abc', onChange: () => undefined, onSearch: () => asked.push('search') }}
        paging={{ page: 2, pageSize: 2, total: 9, onPage: (n) => asked.push(`page ${n}`) }}
      />,
    );
    act(() => (el.querySelector('form') as HTMLFormElement).requestSubmit());
    const button = (label: string) =>
      [...el.querySelectorAll('button')].find((b) => b.textContent === label) as HTMLButtonElement;
    act(() => button('Previous').click());
    act(() => button('Next').click());
    expect(asked).toEqual(['search', 'page 1', 'page 3']);
    expect(el.textContent).toContain('Page 2 of 5 (9 rows)');
  });
});
