using System.Globalization;
using System.Text;

namespace Mediation.Requests.Matching;

/// <summary>
/// A name reduced to how it sounds, so that the same name written in Ukrainian or Russian Cyrillic or in
/// any of their Latin transliterations gives the same key: Олександр, Александр, Oleksandr, Aleksandr,
/// Alexander → one key; Ковальчук, Kovalchuk, Kowalczuk → one key. Cyrillic is transliterated, spelling
/// variants of one sound are merged (kh/h/g, ts/c, sh/sch, x/ks, w/v), vowels fall into three classes,
/// doubled letters collapse, and common Ukrainian/Russian forms of one given name (Микола/Николай,
/// Ганна/Анна, Катерина/Екатерина) share the key of their group.
/// </summary>
public static class NameKey
{
    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "h", ['ґ'] = "g", ['д'] = "d", ['е'] = "e", ['є'] = "ye", ['ё'] = "yo",
        ['ж'] = "zh", ['з'] = "z", ['и'] = "y", ['і'] = "i", ['ї'] = "yi", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m",
        ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh",
        ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
    };

    // Longest first: each spelling of one sound becomes one symbol.
    private static readonly (string From, string To)[] Sounds =
    [
        ("shch", "S"), ("sch", "S"), ("szcz", "S"), ("tch", "C"), ("ch", "C"), ("cz", "C"), ("sh", "S"), ("sz", "S"),
        ("zh", "Z"), ("kh", "k"), ("ts", "Q"), ("tz", "Q"), ("x", "ks"), ("w", "v"), ("ph", "f"), ("q", "k"),
        ("c", "Q"), ("h", "g"),
    ];

    // Forms of one given name in Ukrainian and Russian that spelling alone does not bring together.
    private static readonly string[][] Cognates =
    [
        ["Mykola", "Nikolai", "Nikolay"], ["Hanna", "Anna", "Ganna"], ["Kateryna", "Ekaterina", "Yekaterina", "Katerina"],
        ["Olena", "Elena", "Yelena", "Alena"], ["Petro", "Petr", "Pyotr", "Piotr"], ["Pavlo", "Pavel"], ["Mykhailo", "Mikhail"],
        ["Danylo", "Daniil", "Danila"], ["Kyrylo", "Kirill"], ["Vasyl", "Vasilii", "Vasily"], ["Yevhen", "Evgenii", "Evgeny", "Yevgeny"],
        ["Illia", "Ilya"], ["Nataliia", "Natalia", "Natalya"], ["Liudmyla", "Lyudmila", "Ludmila"], ["Yosyp", "Iosif", "Osip"],
        ["Stepan", "Stefan"], ["Dmytro", "Dmitrii", "Dmitriy", "Dmitry"], ["Tetiana", "Tatiana", "Tatyana"], ["Olha", "Olga"], ["Fedir", "Fedor", "Fyodor"], ["Tymofii", "Timofei"], ["Matvii", "Matvei"], ["Oleh", "Oleg"],
    ];

    private static readonly Dictionary<string, string> CognateKeys = BuildCognates();

    public static string Of(string name)
    {
        var key = Sound(Latin(name));
        return CognateKeys.GetValueOrDefault(key, key);
    }

    private static string Latin(string name)
    {
        var latin = new StringBuilder();
        foreach (var ch in RemoveDiacritics(name.ToLowerInvariant()))
        {
            if (Cyrillic.TryGetValue(ch, out var t))
                latin.Append(t);
            else if (ch is >= 'a' and <= 'z')
                latin.Append(ch);
            // Apostrophes, hyphens and spaces carry no sound of their own.
        }
        return latin.ToString();
    }

    private static string Sound(string latin)
    {
        foreach (var (from, to) in Sounds)
            latin = latin.Replace(from, to, StringComparison.Ordinal);
        var key = new StringBuilder();
        foreach (var ch in latin)
        {
            var symbol = ch switch
            {
                'a' or 'o' => 'A',
                'e' or 'i' or 'y' or 'j' => 'I',
                'u' => 'U',
                _ => ch,
            };
            if (key.Length == 0 || key[^1] != symbol)
                key.Append(symbol);
        }
        return key.ToString();
    }

    private static Dictionary<string, string> BuildCognates()
    {
        var keys = new Dictionary<string, string>();
        foreach (var group in Cognates)
        {
            var canonical = Sound(Latin(group[0]));
            foreach (var form in group)
                keys[Sound(Latin(form))] = canonical;
        }
        return keys;
    }

    private static string RemoveDiacritics(string text)
    {
        // Keep Cyrillic letters whole (й, ї, ё would decompose); strip Latin diacritics, and read ł as l.
        // ASCII has nothing to strip: only the other letters are decomposed (the match reads many names per call).
        var result = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch < 0x80 || ch is >= 'а' and <= 'я' or 'ё' or 'є' or 'і' or 'ї' or 'ґ')
            {
                result.Append(ch);
                continue;
            }
            foreach (var part in ch.ToString().Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                    result.Append(part == 'ł' ? 'l' : part);
            }
        }
        return result.ToString();
    }
}
