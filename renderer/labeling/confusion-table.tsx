import type { Agreement } from './kappa';

/** The 2 x 2 table of the person's labels against the machine rule's; disagreements stand out. */
export function ConfusionTable({ agreement: a }: { agreement: Agreement }) {
  return (
    <table className="confusion" aria-label="Your labels against the machine rule's">
      <thead>
        <tr>
          <th scope="col">You \ machine</th>
          <th scope="col">good</th>
          <th scope="col">bad</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">good</th>
          <td>{a.table.goodGood}</td>
          <td className={a.table.goodBad > 0 ? 'confusion-off' : undefined}>{a.table.goodBad}</td>
        </tr>
        <tr>
          <th scope="row">bad</th>
          <td className={a.table.badGood > 0 ? 'confusion-off' : undefined}>{a.table.badGood}</td>
          <td>{a.table.badBad}</td>
        </tr>
      </tbody>
    </table>
  );
}
