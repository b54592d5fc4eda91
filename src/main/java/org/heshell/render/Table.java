package org.heshell.render;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** A plain text table: columns as wide as their widest cell, numbers right-aligned, header in bold. */
final class Table {
    private record Cell(String text, AttributedStyle style) {
    }

    private final String[] headers;
    private final boolean[] right;
    private final List<Cell[]> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = headers;
        this.right = new boolean[headers.length];
    }

    Table alignRight(int column) {
        right[column] = true;
        return this;
    }

    Row row() {
        Cell[] cells = new Cell[headers.length];
        rows.add(cells);
        return new Row(cells);
    }

    final class Row {
        private final Cell[] cells;
        private int next;

        private Row(Cell[] cells) {
            this.cells = cells;
        }

        Row cell(Object text) {
            return cell(text, Style.PLAIN);
        }

        Row cell(Object text, AttributedStyle style) {
            // a cell is one line: a name with a line break in it must not fake a row
            cells[next++] = new Cell(Inert.line(String.valueOf(text)), style);
            return this;
        }
    }

    AttributedString render() {
        int[] width = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            width[c] = headers[c].length();
            for (Cell[] row : rows) {
                width[c] = Math.max(width[c], row[c] == null ? 0 : row[c].text().length());
            }
        }
        AttributedStringBuilder out = new AttributedStringBuilder();
        line(out, width, headers.length, c -> new Cell(headers[c], Style.HEADER));
        for (Cell[] row : rows) {
            out.append('\n');
            line(out, width, headers.length, c -> row[c] == null ? new Cell("", Style.PLAIN) : row[c]);
        }
        return out.toAttributedString();
    }

    private void line(AttributedStringBuilder out, int[] width, int n, java.util.function.IntFunction<Cell> cell) {
        StringBuilder trailing = new StringBuilder();
        for (int c = 0; c < n; c++) {
            Cell x = cell.apply(c);
            String pad = " ".repeat(width[c] - x.text().length());
            if (c > 0) {
                trailing.append("  ");
            }
            if (right[c]) {
                trailing.append(pad);
            }
            if (!x.text().isEmpty()) {
                out.append(trailing);
                trailing.setLength(0);
                out.styled(x.style(), x.text());
            }
            if (!right[c]) {
                trailing.append(pad);
            }
        }
    }
}
