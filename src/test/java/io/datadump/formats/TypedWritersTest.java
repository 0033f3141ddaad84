package io.datadump.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.schema.ColumnType;
import io.datadump.schema.TypedColumn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The edges of the typed writers, read back by DuckDB and POI: wide decimals, odd lists, formulas, huge texts. */
@Tag("unit")
class TypedWritersTest {
    static final List<String> KEYS = List.of("id", "big", "ints", "note", "at", "n", "ids", "tags");
    static final List<TypedColumn> COLUMNS = List.of(
            new TypedColumn("id", ColumnType.ofPostgres("int8", 0, 0), false),
            new TypedColumn("big", ColumnType.ofPostgres("numeric", 30, 4), true),
            new TypedColumn("ints", ColumnType.ofPostgres("_int4", 0, 0), true),
            new TypedColumn("note", ColumnType.ofPostgres("text", 0, 0), true),
            new TypedColumn("at", ColumnType.ofPostgres("timestamptz", 0, 0), true),
            new TypedColumn("n", ColumnType.ofCustomField(io.datadump.schema.CustomFieldType.NUMBER), true),
            new TypedColumn("ids", ColumnType.ofPostgres("_int8", 0, 0), true),
            new TypedColumn("tags", ColumnType.ofPostgres("_text", 0, 0), true));
    static final String LONG = "x".repeat(40_000);
    static final String FILE = "[\n"
            + "{\"id\":1,\"big\":12345678901234567890123456.1234,\"ints\":[1,null,3],\"note\":\"=1+1\","
            + "\"at\":\"2024-07-06T21:03:02.5+02:00\",\"n\":\"viele\",\"ids\":[10,20],\"tags\":[\"a\",null,\"b\\\"c\"]},\n"
            + "{\"id\":2,\"big\":-0.5,\"ints\":[],\"note\":\"" + LONG + "\",\"at\":null,\"n\":7,"
            + "\"ids\":[30,\"x\",31],\"tags\":[]},\n"
            + "{\"id\":3,\"big\":null,\"ints\":null,\"note\":\"Zeile\\u0001zwei\",\"at\":\"1969-12-31T23:59:59.999999+00:00\","
            + "\"n\":1.5e3,\"ids\":[40],\"tags\":null}\n"
            + "]\n";

    static byte[] convert(Format format, ValueMisfits misfits) throws Exception {
        var out = new ByteArrayOutputStream();
        RowConverter.convert(
                new ByteArrayInputStream(FILE.getBytes(StandardCharsets.UTF_8)),
                out,
                format,
                "t",
                KEYS,
                COLUMNS,
                misfits);
        return out.toByteArray();
    }

    @Test
    void parquetHoldsWideDecimalsListsWithNullsAndUtcTimestamps() throws Exception {
        ValueMisfits misfits = new ValueMisfits();
        Path file = Files.createTempFile("typed", ".parquet");
        Files.write(file, convert(Format.PARQUET, misfits));
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duckdb.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT typeof(big), big, ints, note, epoch_us(\"at\"), n, ids, tags FROM read_parquet('" + file
                                + "') ORDER BY id")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("DECIMAL(30,4)");
            assertThat(rs.getBigDecimal(2)).isEqualTo(new BigDecimal("12345678901234567890123456.1234"));
            assertThat((Object[]) rs.getArray(3).getArray()).containsExactly(1, null, 3);
            assertThat(rs.getString(4)).isEqualTo("=1+1");
            assertThat(rs.getLong(5)).isEqualTo(TypedValues.epochMicros("2024-07-06T19:03:02.5"));
            assertThat(rs.getObject(6)).as("a text in a number field").isNull();
            assertThat((Object[]) rs.getArray(7).getArray()).containsExactly(10L, 20L);
            assertThat((Object[]) rs.getArray(8).getArray()).containsExactly("a", null, "b\"c");
            rs.next();
            assertThat(rs.getBigDecimal(2)).isEqualTo(new BigDecimal("-0.5000"));
            assertThat((Object[]) rs.getArray(3).getArray()).isEmpty();
            assertThat(rs.getString(4)).hasSize(40_000);
            assertThat(rs.getDouble(6)).isEqualTo(7.0);
            assertThat(rs.getObject(7))
                    .as("a list with an element that does not fit")
                    .isNull();
            assertThat((Object[]) rs.getArray(8).getArray()).isEmpty();
            rs.next();
            assertThat(rs.getObject(3)).isNull();
            assertThat(rs.getLong(5)).isEqualTo(-1);
            assertThat(rs.getDouble(6)).isEqualTo(1500.0);
            assertThat((Object[]) rs.getArray(7).getArray())
                    .as("the list after a list that did not fit")
                    .containsExactly(40L);
            assertThat(rs.getObject(8)).isNull();
        }
        assertThat(misfits.describe())
                .isEqualTo("2 values did not fit their column's type and were written as null (the first: n = viele)");
        Files.delete(file);
    }

    @Test
    void xlsxKeepsFormulasAsTextCutsTextsExcelCannotHoldAndJoinsLists() throws Exception {
        ValueMisfits misfits = new ValueMisfits();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(convert(Format.XLSX, misfits)))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            var note = sheet.getRow(1).getCell(3);
            assertThat(note.getCellType()).as("never a formula").isEqualTo(CellType.STRING);
            assertThat(note.getStringCellValue()).isEqualTo("=1+1");
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("1, , 3");
            assertThat(sheet.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(1.2345678901234568e25);
            assertThat(sheet.getRow(2).getCell(3).getStringCellValue()).hasSize(XlsxTableWriter.MAX_CELL_CHARS);
            assertThat(sheet.getRow(3).getCell(3).getStringCellValue())
                    .startsWith("Zeile")
                    .endsWith("zwei");
            assertThat(sheet.getRow(1).getCell(4).getLocalDateTimeCellValue())
                    .isEqualTo(java.time.LocalDateTime.parse("2024-07-06T19:03:02.500"));
        }
        assertThat(misfits.describe()).endsWith("1 text was cut to Excel's 32,767 characters");
    }

    @Test
    void xlsxTypesCellsAsParquetDoesWithExcelsDatesAndFormatsAndTextsWhereExcelHasNoDate() throws Exception {
        List<String> keys = List.of("id", "d", "at", "price", "flag", "f", "decs", "doc");
        List<TypedColumn> columns = List.of(
                new TypedColumn("id", ColumnType.ofPostgres("int8", 0, 0), false),
                new TypedColumn("d", ColumnType.ofPostgres("date", 0, 0), true),
                new TypedColumn("at", ColumnType.ofPostgres("timestamp", 0, 0), true),
                new TypedColumn("price", ColumnType.ofPostgres("numeric", 12, 2), true),
                new TypedColumn("flag", ColumnType.ofPostgres("bool", 0, 0), true),
                new TypedColumn("f", ColumnType.ofPostgres("float4", 0, 0), true),
                new TypedColumn("decs", ColumnType.ofPostgres("_numeric", 6, 2), true),
                new TypedColumn("doc", ColumnType.ofPostgres("jsonb", 0, 0), true));
        String file = "[\n"
                + "{\"id\":1,\"d\":\"2024-02-29\",\"at\":\"1900-03-01T00:00:00.0015\",\"price\":1234.5,"
                + "\"flag\":true,\"f\":1.1,\"decs\":[1.5,null,-2],\"doc\":{\"a\":[1,\"x\"]}},\n"
                + "{\"id\":2,\"d\":\"1850-03-01\",\"at\":\"1899-12-31T23:00:00\",\"price\":1.234,"
                + "\"flag\":false,\"f\":null,\"decs\":[\"y\"],\"doc\":\"a \\\"quote\\\"\"},\n"
                + "{\"id\":3,\"d\":null,\"at\":null,\"price\":null,\"flag\":null,\"f\":-0.0,\"decs\":[],"
                + "\"doc\":null}\n"
                + "]\n";
        ValueMisfits misfits = new ValueMisfits();
        var out = new ByteArrayOutputStream();
        long rows = RowConverter.convert(
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                out,
                Format.XLSX,
                "t",
                keys,
                columns,
                misfits);
        assertThat(rows).isEqualTo(3);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            var first = sheet.getRow(1);
            assertThat(first.getCell(1).getLocalDateTimeCellValue())
                    .isEqualTo(java.time.LocalDateTime.parse("2024-02-29T00:00"));
            assertThat(first.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(first.getCell(2).getLocalDateTimeCellValue())
                    .as("the first day after Excel's 29th of February 1900, to the millisecond")
                    .isEqualTo(java.time.LocalDateTime.parse("1900-03-01T00:00:00.001"));
            assertThat(first.getCell(3).getNumericCellValue()).isEqualTo(1234.5);
            assertThat(first.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(first.getCell(4).getBooleanCellValue()).isTrue();
            assertThat(first.getCell(5).getNumericCellValue())
                    .as("a float4 as its decimal text")
                    .isEqualTo(1.1);
            assertThat(first.getCell(6).getStringCellValue()).isEqualTo("1.50, , -2.00");
            assertThat(first.getCell(7).getStringCellValue()).isEqualTo("{\"a\":[1,\"x\"]}");
            var second = sheet.getRow(2);
            assertThat(second.getCell(1).getStringCellValue())
                    .as("no Excel date before 1900")
                    .isEqualTo("1850-03-01");
            assertThat(second.getCell(2).getStringCellValue()).isEqualTo("1899-12-31T23:00");
            assertThat(second.getCell(3) == null || second.getCell(3).getCellType() == CellType.BLANK)
                    .as("more decimals than the column holds")
                    .isTrue();
            assertThat(second.getCell(4).getBooleanCellValue()).isFalse();
            assertThat(second.getCell(6) == null || second.getCell(6).getCellType() == CellType.BLANK)
                    .as("a list with an element that does not fit")
                    .isTrue();
            assertThat(second.getCell(7).getStringCellValue()).isEqualTo("\"a \\\"quote\\\"\"");
            var third = sheet.getRow(3);
            for (int c : new int[] {1, 2, 3, 4, 7})
                assertThat(third.getCell(c) == null || third.getCell(c).getCellType() == CellType.BLANK)
                        .isTrue();
            assertThat(third.getCell(5).getNumericCellValue()).isEqualTo(-0.0);
            assertThat(third.getCell(6).getStringCellValue()).isEmpty();
        }
        assertThat(misfits.describe())
                .isEqualTo(
                        "2 values did not fit their column's type and were written as null (the first: price = 1.234)");
    }

    @Test
    void xlsxFormatsEveryDateAcrossTheRowsItWritesOutInBlocks() throws Exception {
        List<TypedColumn> columns = List.of(
                new TypedColumn("id", ColumnType.ofPostgres("int8", 0, 0), false),
                new TypedColumn("d", ColumnType.ofPostgres("date", 0, 0), true));
        StringBuilder file = new StringBuilder("[");
        int rows = 1_234;
        for (int id = 1; id <= rows; id++) {
            String date = id % 7 == 0 || (id > 95 && id < 105) ? "null" : "\"2024-01-01\"";
            file.append(id > 1 ? ",\n" : "\n").append("{\"id\":" + id + ",\"d\":" + date + "}");
        }
        var out = new ByteArrayOutputStream();
        RowConverter.convert(
                new ByteArrayInputStream(file.append("\n]").toString().getBytes(StandardCharsets.UTF_8)),
                out,
                Format.XLSX,
                "t",
                List.of("id", "d"),
                columns,
                new ValueMisfits());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(rows);
            for (int r = 1; r <= rows; r++) {
                var cell = sheet.getRow(r).getCell(1);
                if (r % 7 == 0 || (r > 95 && r < 105))
                    assertThat(cell).as("row " + r).isNull();
                else
                    assertThat(org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(cell))
                            .as("row " + r)
                            .isTrue();
            }
        }
    }
}
