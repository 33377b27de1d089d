import DoorbraakCore
@testable import DoorbraakImport
import Testing

@Suite struct FileSignatureTests {
    /// Without OpenSSH, a signature gives one clear error instead of a crash (`ssh-keygen` is
    /// taken from the system's folders only, so a test cannot hide it through `PATH`).
    @Test func withoutSshKeygenASignatureIsOneClearError() throws {
        let error = try #require(throws: DoorbraakError.self) {
            try FileSignature.signer(of: "/dev/null", shownAs: "a.json", signature: "a.json.sig", allowedSigners: [], tool: nil)
        }
        #expect(error.code == .signature && error.message.contains("openssh-client") && error.file == "a.json")
    }

    @Test func sshKeygenIsTakenFromTheSystemsFolders() {
        if let tool = FileSignature.sshKeygen {
            #expect(["/usr/bin/", "/bin/", "/usr/local/bin/", "/usr/sbin/"].contains { tool.hasPrefix($0) })
        }
    }
}
