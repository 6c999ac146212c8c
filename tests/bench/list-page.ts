/** A generated CRM list page with N deal rows, for the reading benchmarks. */
export function listPage(rows: number, today = new Date()): string {
  const stages = ['Qualified', 'Discovery', 'Demo', 'Proposal', 'Negotiation'];
  const fmt = (offset: number) => {
    const d = new Date(today);
    d.setDate(d.getDate() + offset);
    return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
  };
  const body: string[] = [];
  for (let i = 0; i < rows; i++) {
    body.push(
      `<tr class="row-${(i * 2654435761) % 9973}"><td><a href="/deal/${i}">Deal ${i} — Company ${i % 977}</a></td><td>${stages[i % 5]}</td>` +
        `<td>$${(1000 + ((i * 37) % 200) * 500).toLocaleString('en-US')}.00</td><td>${fmt((i % 90) - 20)}</td>` +
        `<td>${fmt(-(i % 45))}</td><td>${i % 7 === 0 ? '--' : fmt(i % 20)}</td><td>Owner ${i % 13}</td></tr>`,
    );
  }
  return `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Bench list</title>
<style>td,th{padding:2px 6px;font:12px system-ui}</style></head><body>
<table id="deals"><thead><tr><th>Deal Name</th><th>Stage</th><th>Amount</th><th>Close Date</th><th>Last Activity</th><th>Next Activity</th><th>Owner</th></tr></thead>
<tbody>${body.join('\n')}</tbody></table></body></html>`;
}

/** A page that is not a CRM page at all. */
export const BLOG_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Blog</title></head>
<body><article><h1>Ten ways to water a garden</h1>${'<p>Water early in the morning. Mulch keeps the soil moist.</p>'.repeat(200)}</article></body></html>`;
