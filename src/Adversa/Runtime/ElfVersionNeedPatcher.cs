// This one file serves two masters: the library compiles it (with ADVERSA_LIBRARY defined) so the
// tests can exercise the patcher, and build/LibTorchSharpPatch.targets compiles it as an inline
// MSBuild task that patches every output folder. It therefore sticks to netstandard2.0 APIs.
#nullable enable
using System;
using System.IO;
using System.Text;

namespace Adversa.Runtime
{
    /// <summary>What <see cref="ElfVersionNeedPatcher.MakeVersionNeedWeak"/> did to a file.</summary>
    internal enum ElfPatchOutcome
    {
        /// <summary>The version requirement was strong and is now weak.</summary>
        Patched,
        /// <summary>The requirement was already weak; the file was left untouched.</summary>
        AlreadyWeak,
        /// <summary>The file does not require that version; it was left untouched.</summary>
        VersionNotReferenced,
    }

    /// <summary>
    /// Marks one symbol-version requirement of an ELF64 shared library as weak (VER_FLG_WEAK in the
    /// vna_flags of its .gnu.version_r entry), so the dynamic loader accepts a system library that lacks
    /// that version. TorchSharp 0.107's libLibTorchSharp.so asks for GLIBCXX_3.4.32 only for an
    /// anchor symbol it never calls; Debian 12 ships GLIBCXX up to 3.4.30.
    /// </summary>
    internal static class ElfVersionNeedPatcher
    {
        /// <summary>VER_FLG_WEAK from elf.h.</summary>
        public const ushort WeakFlag = 2;

        private const uint SectionTypeGnuVersionNeed = 0x6ffffffe;

        /// <summary>Sets the weak flag on <paramref name="versionName"/>'s requirement; rewrites the file through a temporary sibling so hard links (a package cache) are never modified.</summary>
        public static ElfPatchOutcome MakeVersionNeedWeak(string path, string versionName)
        {
            var image = File.ReadAllBytes(path);
            var flagsOffset = FindVersionNeedFlags(image, path, versionName);
            if (flagsOffset < 0)
                return ElfPatchOutcome.VersionNotReferenced;
            var flags = BitConverter.ToUInt16(image, flagsOffset);
            if ((flags & WeakFlag) != 0)
                return ElfPatchOutcome.AlreadyWeak;
            var patched = (ushort)(flags | WeakFlag);
            image[flagsOffset] = (byte)(patched & 0xff);
            image[flagsOffset + 1] = (byte)(patched >> 8);
            var temporary = path + ".patching";
            File.WriteAllBytes(temporary, image);
            if (File.Exists(path))
                File.Replace(temporary, path, null);
            else
                File.Move(temporary, path);
            return ElfPatchOutcome.Patched;
        }

        /// <summary>True when the requirement is weak, false when strong, null when the file does not require that version.</summary>
        public static bool? IsVersionNeedWeak(string path, string versionName)
        {
            var image = File.ReadAllBytes(path);
            var flagsOffset = FindVersionNeedFlags(image, path, versionName);
            if (flagsOffset < 0)
                return null;
            return (BitConverter.ToUInt16(image, flagsOffset) & WeakFlag) != 0;
        }

        /// <summary>True when the library at <paramref name="libraryPath"/> defines <paramref name="versionName"/> (its name appears NUL-delimited in the file, as in .dynstr).</summary>
        public static bool LibraryDefinesVersion(string libraryPath, string versionName)
        {
            var needle = Encoding.ASCII.GetBytes("\0" + versionName + "\0");
            var haystack = File.ReadAllBytes(libraryPath);
            for (var start = 0; start <= haystack.Length - needle.Length; start++)
            {
                var matched = true;
                for (var k = 0; k < needle.Length && matched; k++)
                    matched = haystack[start + k] == needle[k];
                if (matched)
                    return true;
            }
            return false;
        }

        private static int FindVersionNeedFlags(byte[] image, string path, string versionName)
        {
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
                throw new InvalidDataException($"{path}: not an ELF file (bad magic number)");
            if (image[4] != 2 || image[5] != 1)
                throw new InvalidDataException($"{path}: only little-endian 64-bit ELF files are supported");

            var sectionTableOffset = checked((long)BitConverter.ToUInt64(image, 0x28));
            int sectionEntrySize = BitConverter.ToUInt16(image, 0x3a);
            int sectionCount = BitConverter.ToUInt16(image, 0x3c);
            if (sectionEntrySize < 64 || sectionTableOffset + (long)sectionEntrySize * sectionCount > image.Length)
                throw new InvalidDataException($"{path}: truncated ELF section header table");

            for (var section = 0; section < sectionCount; section++)
            {
                var header = (int)(sectionTableOffset + (long)section * sectionEntrySize);
                if (BitConverter.ToUInt32(image, header + 4) != SectionTypeGnuVersionNeed)
                    continue;
                var needOffset = checked((int)BitConverter.ToUInt64(image, header + 24));
                var linkedStrings = (int)BitConverter.ToUInt32(image, header + 40);
                var entryCount = (int)BitConverter.ToUInt32(image, header + 44);
                if (linkedStrings >= sectionCount)
                    throw new InvalidDataException($"{path}: .gnu.version_r links to a missing string table");
                var stringsOffset = checked((int)BitConverter.ToUInt64(image, (int)(sectionTableOffset + (long)linkedStrings * sectionEntrySize) + 24));
                return FindInVersionNeedEntries(image, path, versionName, needOffset, entryCount, stringsOffset);
            }
            return -1;
        }

        private static int FindInVersionNeedEntries(byte[] image, string path, string versionName, int needOffset, int entryCount, int stringsOffset)
        {
            var entry = needOffset;
            for (var i = 0; i < entryCount; i++)
            {
                RequireInside(image, path, entry, 16);
                int auxiliaryCount = BitConverter.ToUInt16(image, entry + 2);
                var auxiliary = entry + (int)BitConverter.ToUInt32(image, entry + 8);
                for (var j = 0; j < auxiliaryCount; j++)
                {
                    RequireInside(image, path, auxiliary, 16);
                    var name = ReadCString(image, path, stringsOffset + (int)BitConverter.ToUInt32(image, auxiliary + 8));
                    if (name == versionName)
                        return auxiliary + 4;
                    auxiliary += (int)BitConverter.ToUInt32(image, auxiliary + 12);
                }
                entry += (int)BitConverter.ToUInt32(image, entry + 12);
            }
            return -1;
        }

        private static string ReadCString(byte[] image, string path, int offset)
        {
            var end = offset;
            while (end < image.Length && image[end] != 0)
                end++;
            if (offset < 0 || end >= image.Length)
                throw new InvalidDataException($"{path}: a version name runs past the end of the file");
            return Encoding.ASCII.GetString(image, offset, end - offset);
        }

        private static void RequireInside(byte[] image, string path, int offset, int length)
        {
            if (offset < 0 || offset + length > image.Length)
                throw new InvalidDataException($"{path}: truncated .gnu.version_r section");
        }
    }

#if !ADVERSA_LIBRARY
    /// <summary>MSBuild task: makes <see cref="VersionName"/> weak in each of <see cref="Files"/>, unless a system C++ library already defines it.</summary>
    public sealed class PatchElfVersionNeed : Microsoft.Build.Utilities.Task
    {
        /// <summary>The ELF files to patch (missing ones are skipped).</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <summary>The symbol version to make weak, e.g. GLIBCXX_3.4.32.</summary>
        [Microsoft.Build.Framework.Required]
        public string VersionName { get; set; } = "";

        /// <summary>Candidate system libraries; if any exists and defines the version, nothing is patched.</summary>
        public Microsoft.Build.Framework.ITaskItem[] SystemLibraries { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <inheritdoc />
        public override bool Execute()
        {
            foreach (var library in SystemLibraries)
            {
                if (File.Exists(library.ItemSpec) && ElfVersionNeedPatcher.LibraryDefinesVersion(library.ItemSpec, VersionName))
                {
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"{library.ItemSpec} defines {VersionName}: no patch needed");
                    return true;
                }
            }
            foreach (var file in Files)
            {
                if (!File.Exists(file.ItemSpec))
                    continue;
                try
                {
                    var outcome = ElfVersionNeedPatcher.MakeVersionNeedWeak(file.ItemSpec, VersionName);
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, $"{file.ItemSpec}: {VersionName} {outcome}");
                }
                catch (InvalidDataException error)
                {
                    Log.LogError(error.Message);
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
