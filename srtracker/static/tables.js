// Tables that fold into label/value rows on a narrow screen (style.css, table.rows) lose
// their table semantics in Chromium and Safari once their display changes; explicit roles
// keep rows, cells and column headers for screen readers (WCAG 1.3.1).
document.querySelectorAll("table.rows").forEach(function (table) {
  table.setAttribute("role", "table");
  table.querySelectorAll("thead, tbody, tfoot").forEach(function (group) {
    group.setAttribute("role", "rowgroup");
  });
  table.querySelectorAll("tr").forEach(function (row) {
    row.setAttribute("role", "row");
  });
  table.querySelectorAll("td").forEach(function (cell) {
    cell.setAttribute("role", "cell");
  });
  table.querySelectorAll("th").forEach(function (cell) {
    cell.setAttribute("role", cell.getAttribute("scope") === "row" ? "rowheader" : "columnheader");
  });
});
