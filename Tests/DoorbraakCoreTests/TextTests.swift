import DoorbraakCore
import Testing

@Suite struct TextTests {
    @Test(arguments: [
        ("", ""), (" ", ""), ("\t \t", ""), ("a", "a"), (" a", "a"), ("a\t", "a"), ("  a b  ", "a b"),
        ("\u{A0}a\u{A0}", "\u{A0}a\u{A0}"),        // a no-break space is content, not a CSV space
        (" € 1,00 ", "€ 1,00"), ("\nx\n", "\nx\n"),
    ])
    func trimsOnlySpacesAndTabs(text: String, trimmed: String) {
        #expect(text.trimmingSpaces == trimmed)
    }

    @Test(arguments: [
        ("verslag-1.pdf", false), ("", false), ("~ !", false), ("rapport é €", false),
        ("\u{1F}", true), ("\u{7F}", true), ("a\u{0}b", true), ("\u{202E}fdp.exe", true), ("\u{200B}", true), ("\u{85}", true),
        ("a\u{2028}b", true), ("\u{2029}", true), ("a\u{A0}b", false),
    ])
    func findsControlAndFormatCharacters(text: String, found: Bool) {
        #expect(text.hasControlOrFormatCharacter == found)
    }
}
