import Testing

@testable import Domain

/// A logo is checked by its bytes: PNG and JPEG only, their sizes read from the file.
struct LogoImageTests {
    /// The first bytes of a PNG `width` × `height` (signature and IHDR: all the check reads).
    static func png(_ width: UInt32, _ height: UInt32) -> [UInt8] {
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be(13) + Array("IHDR".utf8) + be(width) + be(height)
            + [8, 6, 0, 0, 0] + [0, 0, 0, 0]
    }

    /// A JPEG's opening: SOI, an APP0 (JFIF) segment, a comment, then SOF0 `width` × `height`.
    static func jpeg(_ width: Int, _ height: Int, frame: UInt8 = 0xC0) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let comment: [UInt8] = [0xFF, 0xFE, 0x00, 0x05] + Array("hi!".utf8)
        let sof: [UInt8] =
            [0xFF, frame, 0x00, 0x11, 8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 3]
            + Array(repeating: 0, count: 9)
        return [0xFF, 0xD8] + app0 + comment + sof + [0xFF, 0xD9]
    }

    @Test("A PNG and a JPEG are read with their sizes; a progressive JPEG too")
    func accepted() throws {
        #expect(try LogoImage.check(Self.png(400, 120)) == LogoImage(format: .png, width: 400, height: 120))
        #expect(try LogoImage.check(Self.jpeg(640, 480)) == LogoImage(format: .jpeg, width: 640, height: 480))
        #expect(try LogoImage.check(Self.jpeg(300, 300, frame: 0xC2)).format == .jpeg)
        #expect(try LogoImage.check(Self.png(32, 2000)).contentType == "image/png")
    }

    @Test("Empty, too large, not PNG or JPEG (an SVG, a GIF, text named .png), or a size out of range: each refused for its reason")
    func refused() {
        #expect(throws: LogoImage.Problem.empty) { try LogoImage.check([]) }
        #expect(throws: LogoImage.Problem.tooLarge(bytes: 200 * 1024 + 1)) {
            try LogoImage.check(Self.png(100, 100) + Array(repeating: 0, count: 200 * 1024 + 1 - 33))
        }
        #expect(throws: LogoImage.Problem.notAnImage) { try LogoImage.check(Array("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8)) }
        #expect(throws: LogoImage.Problem.notAnImage) { try LogoImage.check(Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8)) }
        #expect(throws: LogoImage.Problem.notAnImage) { try LogoImage.check(Array("just some text, renamed logo.png".utf8)) }
        #expect(throws: LogoImage.Problem.notAnImage) { try LogoImage.check(Array(Self.png(100, 100).prefix(20))) }
        // A JPEG whose scan starts before any frame, and one cut short, are no image.
        #expect(throws: LogoImage.Problem.notAnImage) { try LogoImage.check([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 0xFF, 0xD9]) }
        #expect(throws: LogoImage.Problem.notAnImage) { try LogoImage.check(Array(Self.jpeg(64, 64).prefix(30))) }
        #expect(throws: LogoImage.Problem.dimensions(width: 16, height: 16)) { try LogoImage.check(Self.png(16, 16)) }
        #expect(throws: LogoImage.Problem.dimensions(width: 5000, height: 100)) { try LogoImage.check(Self.jpeg(5000, 100)) }
        #expect(throws: LogoImage.Problem.dimensions(width: 100, height: 2001)) { try LogoImage.check(Self.png(100, 2001)) }
    }
}
