package io.datadump.lifecycle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The ids of a Parquet file as DuckDB reads them and of a workbook as POI reads it, in file order. */
final class TypedFiles {
    private TypedFiles() {}

    static List<String> parquetIds(byte[] parquet) {
        try {
            Path file = Files.createTempFile("lifecycle", ".parquet");
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                    Statement s = duckdb.createStatement()) {
                Files.write(file, parquet);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT id FROM read_parquet('" + file + "')")) {
                    while (rs.next()) ids.add(Long.toString(rs.getLong(1)));
                }
                return ids;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> xlsxIds(byte[] xlsx) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            if (!sheet.getRow(0).getCell(0).getStringCellValue().equals("id"))
                throw new IllegalStateException("the workbook's first column is not id");
            List<String> ids = new ArrayList<>();
            for (Row row : sheet) {
                if (row.getRowNum() > 0)
                    ids.add(Long.toString((long) row.getCell(0).getNumericCellValue()));
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
