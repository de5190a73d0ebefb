using System.Security.Cryptography;
using System.Text;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>A PostgreSQL advisory-lock key from a name, the same in every process and run (string.GetHashCode is not).</summary>
public static class AdvisoryLockKey
{
    public static long For(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
}
