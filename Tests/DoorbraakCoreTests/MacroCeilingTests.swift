import DoorbraakCore
import Testing

@Suite struct MacroCeilingTests {
    let ceiling = MacroCeiling(ceiling: Money(euros: 3_000_000), granted: Money(euros: 1_500_000), released: .zero)

    @Test func aBovengrensExactlyFillingTheRoomFitsAndOneCentMoreDoesNot() {
        #expect(ceiling.fits(Money(euros: 1_500_000)))
        #expect(ceiling.granting(Money(euros: 1_500_000))?.remaining == .zero)
        #expect(!ceiling.fits(Money(cents: 150_000_001)))
        #expect(ceiling.granting(Money(cents: 150_000_001)) == nil)
        #expect(ceiling.granting(Money(euros: 1_500_000))?.fits(Money(cents: 1)) == false)
    }

    @Test func releasedMoneyReturnsToTheRoom() {
        let full = MacroCeiling(ceiling: Money(euros: 3_000_000), granted: Money(euros: 3_000_000), released: Money(cents: 1))
        #expect(full.committed == Money(cents: 299_999_999))
        #expect(full.fits(Money(cents: 1)))
        #expect(!full.fits(Money(cents: 2)))
    }
}
