using System.Security.Cryptography;
using System.Text;
using Mediation.BuildingBlocks.PersonalData;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Handover.Persistence.Sqlite;
using Mediation.Operations.Persistence.Sqlite;
using Mediation.Requests.Persistence.Sqlite;
using Mediation.Verification.Persistence.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Mediation.UnitTests;

public class PersonalDataCipherTests
{
    private static readonly byte[] KeyOne = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] KeyTwo = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] IndexKey = RandomNumberGenerator.GetBytes(32);

    private static PersonalDataCipher Cipher(string active = "one", byte[]? index = null, bool withOne = true)
    {
        var keys = new Dictionary<string, byte[]> { ["two"] = KeyTwo };
        if (withOne)
            keys["one"] = KeyOne;
        return new PersonalDataCipher(keys, active, index ?? IndexKey);
    }

    [Theory]
    [InlineData("Mykola")]
    [InlineData("Микола Гриценко")]
    [InlineData("")]
    [InlineData("Cerebral palsy; needs a wheelchair and daily physiotherapy")]
    public void Text_reads_back_as_written_and_is_not_in_what_is_stored(string value)
    {
        var cipher = Cipher();
        var stored = cipher.Protect(value, "Child.GivenName");
        Assert.Equal(value, cipher.Unprotect(stored, "Child.GivenName"));
        if (value.Length > 0)
        {
            Assert.DoesNotContain(value, stored);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(value)), stored);
        }
    }

    [Fact]
    public void Bytes_read_back_as_written()
    {
        var cipher = Cipher();
        var value = Encoding.UTF8.GetBytes("{\"givenName\":\"Mykola\"}");
        var stored = cipher.Protect(value, "IdempotencyRecord.Response");
        Assert.False(stored.AsSpan().IndexOf("Mykola"u8) >= 0);
        Assert.Equal(value, cipher.Unprotect(stored, "IdempotencyRecord.Response"));
    }

    [Fact]
    public void The_same_value_is_stored_differently_each_time()
    {
        var cipher = Cipher();
        Assert.NotEqual(cipher.Protect("Hrytsenko", "Child.FamilyName"), cipher.Protect("Hrytsenko", "Child.FamilyName"));
    }

    [Fact]
    public void Names_of_different_lengths_within_one_block_are_stored_at_the_same_length()
    {
        var cipher = Cipher();
        Assert.Equal(cipher.Protect("Ann", "Child.GivenName").Length, cipher.Protect("Anastasiia", "Child.GivenName").Length);
    }

    [Fact]
    public void A_value_copied_into_another_field_does_not_decrypt()
    {
        var cipher = Cipher();
        var phone = cipher.Protect("+380 44 000 0000", "Claimant.Phone");
        Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(phone, "Child.GivenName"));
    }

    [Fact]
    public void An_altered_value_is_refused()
    {
        var cipher = Cipher();
        var stored = cipher.Protect("Lysenko", "Child.FamilyName");
        var colon = stored.LastIndexOf(':');
        var bytes = Convert.FromBase64String(stored[(colon + 1)..]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(stored[..(colon + 1)] + Convert.ToBase64String(bytes), "Child.FamilyName"));
    }

    [Fact]
    public void A_value_that_was_never_encrypted_is_refused_not_passed_through()
    {
        var error = Assert.ThrowsAny<CryptographicException>(() => Cipher().Unprotect("Mykola", "Child.GivenName"));
        Assert.Contains("not encrypted", error.Message);
    }

    [Fact]
    public void After_rotation_old_values_still_read_and_new_ones_use_the_new_key()
    {
        var before = Cipher(active: "one").Protect("Savchenko", "Child.FamilyName");
        var after = Cipher(active: "two");
        Assert.Equal("Savchenko", after.Unprotect(before, "Child.FamilyName"));
        Assert.StartsWith("p1:two:", after.Protect("Savchenko", "Child.FamilyName"));
    }

    [Fact]
    public void A_value_whose_key_was_removed_is_refused_naming_the_key()
    {
        var before = Cipher(active: "one").Protect("Savchenko", "Child.FamilyName");
        var error = Assert.ThrowsAny<CryptographicException>(() => Cipher(active: "two", withOne: false).Unprotect(before, "Child.FamilyName"));
        Assert.Contains("'one'", error.Message);
    }

    [Fact]
    public void Blind_indexes_meet_for_equal_values_however_written_and_only_for_one_field_and_key()
    {
        var cipher = Cipher();
        Assert.Equal(cipher.BlindIndex("Mykola", "Child.GivenName"), cipher.BlindIndex("  MYKOLA ", "Child.GivenName"));
        Assert.NotEqual(cipher.BlindIndex("Mykola", "Child.GivenName"), cipher.BlindIndex("Maryna", "Child.GivenName"));
        Assert.NotEqual(cipher.BlindIndex("Mykola", "Child.GivenName"), cipher.BlindIndex("Mykola", "Child.FamilyName"));
        Assert.NotEqual(cipher.BlindIndex("Mykola", "Child.GivenName"), Cipher(index: RandomNumberGenerator.GetBytes(32)).BlindIndex("Mykola", "Child.GivenName"));
        var born = new DateOnly(2024, 3, 9);
        Assert.Equal(cipher.BlindIndex(born, "Child.BirthDate"), Cipher(active: "two").BlindIndex(born, "Child.BirthDate"));
        Assert.DoesNotContain("2024", cipher.BlindIndex(born, "Child.BirthDate"));
    }

    [Fact]
    public void Keys_come_from_configuration()
    {
        var cipher = PersonalDataCipher.FromConfiguration(Settings(("PersonalData:Keys:k1", Convert.ToBase64String(KeyOne)),
            ("PersonalData:IndexKey", Convert.ToBase64String(IndexKey))));
        Assert.Equal("k1", cipher.ActiveKeyId);
        Assert.Equal("x", cipher.Unprotect(cipher.Protect("x", "f"), "f"));
    }

    [Theory]
    [InlineData("missing keys", "PersonalData:Keys is required")]
    [InlineData("short key", "must be 32 bytes")]
    [InlineData("not base64", "is not base64")]
    [InlineData("unknown active", "is not among PersonalData:Keys")]
    [InlineData("no index key", "PersonalData:IndexKey is required")]
    [InlineData("index key reused", "must differ from every encryption key")]
    [InlineData("two keys, none active", "ActiveKey is required")]
    public void A_process_with_bad_keys_does_not_start_and_says_why(string case_, string expected)
    {
        var one = Convert.ToBase64String(KeyOne);
        var index = Convert.ToBase64String(IndexKey);
        (string, string)[] settings = case_ switch
        {
            "missing keys" => [("PersonalData:IndexKey", index)],
            "short key" => [("PersonalData:Keys:k1", Convert.ToBase64String(new byte[16])), ("PersonalData:IndexKey", index)],
            "not base64" => [("PersonalData:Keys:k1", "not*base64"), ("PersonalData:IndexKey", index)],
            "unknown active" => [("PersonalData:Keys:k1", one), ("PersonalData:ActiveKey", "k9"), ("PersonalData:IndexKey", index)],
            "no index key" => [("PersonalData:Keys:k1", one)],
            "index key reused" => [("PersonalData:Keys:k1", one), ("PersonalData:IndexKey", one)],
            _ => [("PersonalData:Keys:k1", one), ("PersonalData:Keys:k2", Convert.ToBase64String(KeyTwo)), ("PersonalData:IndexKey", index)],
        };
        var error = Assert.Throws<InvalidOperationException>(() => PersonalDataCipher.FromConfiguration(Settings(settings)));
        Assert.Contains(expected, error.Message);
    }

    /// <summary>
    /// The columns stored encrypted, by the names their values are bound to. Renaming one of these classes or
    /// properties would make every stored value unreadable: this list changing must be a decision, not an accident.
    /// </summary>
    [Fact]
    public void The_encrypted_fields_are_exactly_the_personal_ones()
    {
        ServiceDbContext[] contexts =
        [
            new DesignTimeSqliteRequestsDb().CreateDbContext([]), new DesignTimeSqliteVerificationDb().CreateDbContext([]),
            new DesignTimeSqliteHandoverDb().CreateDbContext([]), new DesignTimeSqliteOperationsDb().CreateDbContext([]),
        ];
        var encrypted = contexts
            .SelectMany(db => db.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredProperties())
                .Where(p => p.GetValueConverter()?.GetType().Name.StartsWith("ValueConverter", StringComparison.Ordinal) == true
                            && p.FindAnnotation("Mediation:PersonalData") is not null)
                .Select(p => PersonalDataModel.FieldName(p.DeclaringType.ClrType, p.Name)))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var db in contexts)
            db.Dispose();
        Assert.Equal(
        [
            "Case.ConsentOverrideReason", "Case.NotLocatedNote", "Case.RejectionReason",
            "Check.InformationNote", "Check.Reason", "Checklist.ReopenReason",
            "Child.BirthDate", "Child.FamilyName", "Child.GivenName", "Child.SpecialNeeds",
            "Claimant.Address", "Claimant.Email", "Claimant.FamilyName", "Claimant.GivenName", "Claimant.Phone",
            "ConsentRecord.GivenBy", "IdempotencyRecord.Response", "Incident.Note",
            "Place.Institution", "Place.Region", "Place.Settlement",
        ], encrypted);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
