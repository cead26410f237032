import CXLSXWriter
import Foundation
public import LedgerCore
public import Presentation

/// A document as an XLSX workbook written by libxlsxwriter (Debian's libxlsxwriter): one sheet,
/// A4 landscape, one page wide; figures are numbers with a number format ("#,##0.00"), so
/// Excel shows them in the reader's locale (82,66 in Vietnamese) and sums them; the seal is in a
/// cell, a QR image and the workbook's custom properties.
public enum XLSXRendering {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The workbook's bytes.
    public static func render(
        _ document: ReportDocument,
        dated: Timestamp?,
        time: LocalTime = .vietnam
    ) throws(Failure)
        -> [UInt8]
    {
        let layout = SheetLayout(document, dated: dated, time: time)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parledger-xlsx-\(UUID().uuidString)"
        )
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw Failure(description: "cannot create a temporary folder for the workbook")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.xlsx").path
        guard let workbook = workbook_new(path) else {
            throw Failure(description: "libxlsxwriter cannot start a workbook")
        }
        let sheetName = document.language.pick("Báo cáo", "Report")
        guard let sheet = workbook_add_worksheet(workbook, sheetName) else {
            workbook_close(workbook)
            throw Failure(description: "libxlsxwriter cannot add a sheet")
        }
        var formats: [SheetLayout.Style: UnsafeMutablePointer<lxw_format>] = [:]
        func format(_ style: SheetLayout.Style) -> UnsafeMutablePointer<lxw_format>? {
            if let made = formats[style] { return made }
            guard let made = workbook_add_format(workbook) else { return nil }
            format_set_font_name(made, "Times New Roman")
            format_set_font_size(made, 12)
            format_set_text_wrap(made)
            format_set_align(made, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            switch style {
            case .plain: format_set_align(made, UInt8(LXW_ALIGN_CENTER.rawValue))
            case .bold:
                format_set_bold(made)
                format_set_align(made, UInt8(LXW_ALIGN_CENTER.rawValue))
            case .italic:
                format_set_italic(made)
                format_set_align(made, UInt8(LXW_ALIGN_CENTER.rawValue))
            case .title:
                format_set_bold(made)
                format_set_font_size(made, 14)
                format_set_align(made, UInt8(LXW_ALIGN_CENTER.rawValue))
            case .notice:
                format_set_bold(made)
                format_set_border(made, UInt8(LXW_BORDER_MEDIUM.rawValue))
                format_set_align(made, UInt8(LXW_ALIGN_CENTER.rawValue))
            case .header:
                format_set_bold(made)
                format_set_border(made, UInt8(LXW_BORDER_THIN.rawValue))
                format_set_bg_color(made, 0xEEEEEE)
                format_set_align(made, UInt8(LXW_ALIGN_CENTER.rawValue))
            case .cellText:
                format_set_border(made, UInt8(LXW_BORDER_THIN.rawValue))
            case .note:
                format_set_font_size(made, 10)
            case .cellNumber(let decimals):
                format_set_border(made, UInt8(LXW_BORDER_THIN.rawValue))
                format_set_num_format(made, numberFormat(decimals: decimals))
            }
            formats[style] = made
            return made
        }
        for column in 0..<layout.width {
            let wide = layout.textColumns.contains(column)
            worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), wide ? 28 : 11, nil)
        }
        for placement in layout.placements {
            let row = lxw_row_t(placement.row)
            let column = lxw_col_t(placement.column)
            if placement.lastColumn > placement.column, case .text(let text) = placement.value {
                worksheet_merge_range(
                    sheet,
                    row,
                    column,
                    row,
                    lxw_col_t(placement.lastColumn),
                    text,
                    format(placement.style)
                )
                continue
            }
            switch placement.value {
            case .text(let text): worksheet_write_string(sheet, row, column, text, format(placement.style))
            case .number(let number): worksheet_write_number(sheet, row, column, number, format(placement.style))
            }
        }
        if let code = QRCode(document.seal.text), let png = PNGImage.of(code) {
            png.withUnsafeBufferPointer { buffer in
                _ = worksheet_insert_image_buffer(sheet, lxw_row_t(layout.codeRow), 0, buffer.baseAddress, buffer.count)
            }
        }
        worksheet_set_landscape(sheet)
        worksheet_set_paper(sheet, 9)  // A4
        worksheet_fit_to_pages(sheet, 1, 0)
        workbook_set_custom_property_string(workbook, "parledger-seal", document.seal.text)
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw Failure(
                description: "libxlsxwriter could not write the workbook (\(String(cString: lxw_strerror(status))))"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "the workbook libxlsxwriter wrote cannot be read back")
        }
        return [UInt8](data)
    }

    /// "#,##0.00" for two decimals: Excel puts the reader's separators in.
    static func numberFormat(decimals: Int) -> String {
        decimals > 0 ? "#,##0." + String(repeating: "0", count: decimals) : "#,##0"
    }
}
