import CXLSXWriter
import Foundation

/// A blank sheet for keying in paper forms (`parledger survey blank`): a header row, rows already
/// carrying what is known (row number, serial, unit, respondent group), and the answer columns
/// restricted to the template's options by a validation list, so Excel offers them and refuses
/// anything else. Written by libxlsxwriter.
public enum KeyingSheet {
    /// The workbook's bytes; `answerColumns` (0-based) take only `options`.
    public static func xlsx(
        header: [String],
        rows: [[String]],
        answerColumns: Range<Int>,
        options: [String],
        sheetName: String
    ) throws(XLSXRendering.Failure) -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parledger-sheet-\(UUID().uuidString)"
        )
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw XLSXRendering.Failure(description: "cannot create a temporary folder for the workbook")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sheet.xlsx").path
        guard let workbook = workbook_new(path) else {
            throw XLSXRendering.Failure(description: "libxlsxwriter cannot start a workbook")
        }
        guard let sheet = workbook_add_worksheet(workbook, sheetName) else {
            workbook_close(workbook)
            throw XLSXRendering.Failure(description: "libxlsxwriter cannot add a sheet")
        }
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        for (column, title) in header.enumerated() {
            worksheet_write_string(sheet, 0, lxw_col_t(column), title, bold)
            worksheet_set_column(
                sheet,
                lxw_col_t(column),
                lxw_col_t(column),
                answerColumns.contains(column) ? 6 : 18,
                nil
            )
        }
        worksheet_freeze_panes(sheet, 1, 0)
        for (index, row) in rows.enumerated() {
            for (column, text) in row.enumerated() where !text.isEmpty {
                worksheet_write_string(sheet, lxw_row_t(index + 1), lxw_col_t(column), text, nil)
            }
        }
        // The options as a C list, kept until the workbook is written.
        var list: [UnsafeMutablePointer<CChar>?] = options.map { strdup($0) } + [nil]
        defer { for item in list { free(item) } }
        if !answerColumns.isEmpty, !rows.isEmpty {
            list.withUnsafeMutableBufferPointer { buffer in
                var validation = lxw_data_validation()
                validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
                validation.value_list = buffer.baseAddress
                _ = worksheet_data_validation_range(
                    sheet,
                    1,
                    lxw_col_t(answerColumns.lowerBound),
                    lxw_row_t(rows.count),
                    lxw_col_t(answerColumns.upperBound - 1),
                    &validation
                )
            }
        }
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw XLSXRendering.Failure(
                description: "libxlsxwriter could not write the workbook (\(String(cString: lxw_strerror(status))))"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw XLSXRendering.Failure(description: "the workbook was not written")
        }
        return [UInt8](data)
    }
}
