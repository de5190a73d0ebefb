using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;

namespace Mediation.Cli.ChildLists;

/// <summary>
/// The request id one row of a list is sent under: the same for the same row of the same list, unchanged,
/// in every run. A rerun after a failure therefore neither duplicates a child already sent (the service
/// answers a repeated id with its first result) nor needs to remember anything locally; a row that was
/// corrected since is a new request.
/// </summary>
public static class RowRequestId
{
    public static string For(string listId, int row, IMessage child)
    {
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes($"{listId}\n{row}\n"), .. child.ToByteArray()]);
        var name = new string(listId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
        return $"{name[..Math.Min(name.Length, 50)]}-row{row}-{Convert.ToHexStringLower(hash)[..24]}";
    }
}
