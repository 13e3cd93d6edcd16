using System.Security.Cryptography;
using System.Text;
using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;
using Wippy.Host.WasiHost.Io;
using static Wippy.Host.WasiHost.Filesystem.FilesystemTypes;

namespace Wippy.Host.WasiHost.Filesystem;

/// <summary>
/// wasi:filesystem/types over the entry's mounts: the <c>descriptor</c> and <c>directory-entry-stream</c> resources and
/// <c>filesystem-error-code</c>. Every path is resolved inside the mount it starts from (<see cref="SandboxPath"/>);
/// nothing under a read-only mount can be created, written, renamed or removed (<c>not-permitted</c>). Failures are
/// the interface's <c>error-code</c>s, never host exceptions.
/// </summary>
internal static class FilesystemInterface
{
    /// <summary>The <c>descriptor</c> resource type.</summary>
    public static HostResourceType DescriptorType { get; } = new("wasi:filesystem/types", "descriptor");

    /// <summary>The <c>directory-entry-stream</c> resource type.</summary>
    public static HostResourceType DirectoryEntryStreamType { get; } = new("wasi:filesystem/types", "directory-entry-stream");

    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new("wasi:filesystem/types", [DescriptorType, DirectoryEntryStreamType], new Dictionary<string, HostFunction>
    {
        ["[method]descriptor.read-via-stream"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            if (!d.CanRead) throw new FilesystemError("bad-descriptor");
            return call.Own(StreamsInterface.InputStreamType, new FileInputStream(d.RequireFile(), (long)args[1].AsU64()));
        }),
        ["[method]descriptor.write-via-stream"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            if (!d.CanWrite) throw new FilesystemError("bad-descriptor");
            return call.Own(StreamsInterface.OutputStreamType, new FileOutputStream(d.RequireFile(), (long)args[1].AsU64(), append: false));
        }),
        ["[method]descriptor.append-via-stream"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            if (!d.CanWrite) throw new FilesystemError("bad-descriptor");
            return call.Own(StreamsInterface.OutputStreamType, new FileOutputStream(d.RequireFile(), 0, append: true));
        }),
        ["[method]descriptor.advise"] = Fs((call, args) =>
        {
            Self(call, args);
            return null;
        }),
        ["[method]descriptor.sync-data"] = Fs((call, args) => Sync(Self(call, args))),
        ["[method]descriptor.sync"] = Fs((call, args) => Sync(Self(call, args))),
        ["[method]descriptor.get-flags"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            var flags = new List<string>(3);
            if (d.CanRead) flags.Add("read");
            if (d.CanWrite) flags.Add("write");
            if (d.CanMutateDirectory) flags.Add("mutate-directory");
            return ComponentVal.OwnedFlags(flags.ToArray());
        }),
        ["[method]descriptor.get-type"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            return ComponentVal.OwnedEnum(d.IsDirectory ? "directory" : "regular-file");
        }),
        ["[method]descriptor.set-size"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            if (!d.CanWrite) throw new FilesystemError("bad-descriptor");
            RandomAccess.SetLength(d.RequireFile().SafeFileHandle, checked((long)args[1].AsU64()));
            return null;
        }),
        ["[method]descriptor.set-times"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            if (!d.Root.Writable) throw new FilesystemError("not-permitted");
            SetTimes(d.Root, d.Components, follow: true, args[1], args[2], d.File);
            return null;
        }),
        ["[method]descriptor.read"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            if (!d.CanRead) throw new FilesystemError("bad-descriptor");
            var buffer = new byte[(int)Math.Min(args[1].AsU64(), StreamsInterface.MaxReadBytes)];
            var read = RandomAccess.Read(d.RequireFile().SafeFileHandle, buffer, checked((long)args[2].AsU64()));
            var tuple = ComponentVal.OwnedTuple(2);
            ComponentVal.SetItem(ref tuple, 0, call.Bytes(buffer.AsSpan(0, read)));
            ComponentVal.SetItem(ref tuple, 1, ComponentVal.Bool(read == 0 && buffer.Length > 0));
            return tuple;
        }),
        ["[method]descriptor.write"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            if (!d.CanWrite) throw new FilesystemError("bad-descriptor");
            var bytes = args[1].BytesOfList("buffer");
            RandomAccess.Write(d.RequireFile().SafeFileHandle, bytes, checked((long)args[2].AsU64()));
            return ComponentVal.U64((ulong)bytes.Length);
        }),
        ["[method]descriptor.read-directory"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            d.RequireDirectory();
            using var directory = BeneathMount.Directory(d.Root, d.Components);
            return call.Own(DirectoryEntryStreamType, DirectoryEntryStream.Read(directory.Path));
        }),
        ["[method]descriptor.create-directory-at"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            d.RequireMutable();
            using var entry = Entry(d, args[1].AsString());
            var path = entry.Path;
            if (Path.Exists(path) || new FileInfo(path).LinkTarget is not null) throw new FilesystemError("exist");
            RequireParent(path);
            Directory.CreateDirectory(path);
            return null;
        }),
        ["[method]descriptor.stat"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            return d.File is { } file && BeneathMount.Enforced ? StatRecord(LinuxFiles.Stat(file.SafeFileHandle)) : Stat(d.Root, d.Components, follow: true);
        }),
        ["[method]descriptor.stat-at"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            d.RequireDirectory();
            var follow = FollowsLinks(args[1]);
            return Stat(d.Root, Resolve(d, args[2].AsString(), follow), follow);
        }),
        ["[method]descriptor.set-times-at"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            d.RequireMutable();
            var follow = FollowsLinks(args[1]);
            SetTimes(d.Root, Resolve(d, args[2].AsString(), follow), follow, args[3], args[4], file: null);
            return null;
        }),
        ["[method]descriptor.link-at"] = Fs((call, args) =>
        {
            Self(call, args).RequireMutable();
            throw new FilesystemError("unsupported", "hard links");
        }),
        ["[method]descriptor.open-at"] = Fs((call, args) => OpenAt(call, args)),
        ["[method]descriptor.readlink-at"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            d.RequireDirectory();
            using var entry = Entry(d, args[1].AsString());
            var path = entry.Path;
            var target = new FileInfo(path).LinkTarget ?? throw new FilesystemError(Path.Exists(path) ? "invalid" : "no-entry");
            return ComponentVal.OwnedString(target);
        }),
        ["[method]descriptor.remove-directory-at"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            d.RequireMutable();
            using var entry = Entry(d, args[1].AsString());
            var path = entry.Path;
            if (new FileInfo(path).LinkTarget is not null || File.Exists(path)) throw new FilesystemError("not-directory");
            if (!Directory.Exists(path)) throw new FilesystemError("no-entry");
            if (Directory.EnumerateFileSystemEntries(path).Any()) throw new FilesystemError("not-empty");
            Directory.Delete(path);
            return null;
        }),
        ["[method]descriptor.rename-at"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            d.RequireMutable();
            var target = call.Borrow<Descriptor>(args[2], DescriptorType);
            target.RequireMutable();
            using var fromEntry = Entry(d, args[1].AsString());
            using var toEntry = Entry(target, args[3].AsString());
            var (from, to) = (fromEntry.Path, toEntry.Path);
            if (!Path.Exists(from)) throw new FilesystemError("no-entry");
            RequireParent(to);
            if (Directory.Exists(from))
            {
                if (File.Exists(to)) throw new FilesystemError("not-directory");
                if (Directory.Exists(to))
                {
                    if (Directory.EnumerateFileSystemEntries(to).Any()) throw new FilesystemError("not-empty");
                    Directory.Delete(to);
                }
                Directory.Move(from, to);
            }
            else
            {
                if (Directory.Exists(to)) throw new FilesystemError("is-directory");
                File.Move(from, to, overwrite: true);
            }
            return null;
        }),
        ["[method]descriptor.symlink-at"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            d.RequireMutable();
            var target = args[1].AsString();
            if (target.StartsWith('/')) throw new FilesystemError("not-permitted", "an absolute link target");
            using var entry = Entry(d, args[2].AsString());
            var path = entry.Path;
            if (Path.Exists(path) || new FileInfo(path).LinkTarget is not null) throw new FilesystemError("exist");
            File.CreateSymbolicLink(path, target);
            return null;
        }),
        ["[method]descriptor.unlink-file-at"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            d.RequireMutable();
            using var entry = Entry(d, args[1].AsString());
            var path = entry.Path;
            var info = new FileInfo(path);
            if (Directory.Exists(path) && info.LinkTarget is null) throw new FilesystemError("is-directory");
            if (!info.Exists && info.LinkTarget is null) throw new FilesystemError("no-entry");
            info.Delete();
            return null;
        }),
        ["[method]descriptor.is-same-object"] = (call, args, results) =>
        {
            var a = Self(call, args);
            var b = call.Borrow<Descriptor>(args[1], DescriptorType);
            results[0] = ComponentVal.Bool(Identity(a.Root, a.Components) == Identity(b.Root, b.Components));
        },
        ["[method]descriptor.metadata-hash"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            return MetadataHash(d.Root, d.Components, follow: true);
        }),
        ["[method]descriptor.metadata-hash-at"] = Fs((call, args) =>
        {
            var d = Self(call, args);
            d.RequireDirectory();
            var follow = FollowsLinks(args[1]);
            return MetadataHash(d.Root, Resolve(d, args[2].AsString(), follow), follow);
        }),
        ["[method]directory-entry-stream.read-directory-entry"] = Fs((call, args) =>
        {
            var stream = call.Borrow<DirectoryEntryStream>(args[0], DirectoryEntryStreamType);
            if (stream.Next() is not { } entry) return ComponentVal.None;
            var record = ComponentVal.OwnedRecord(2);
            ComponentVal.SetField(ref record, 0, "type", ComponentVal.OwnedEnum(entry.Type));
            ComponentVal.SetField(ref record, 1, "name", ComponentVal.OwnedString(entry.Name));
            return ComponentVal.OwnedSome(record);
        }),
        ["filesystem-error-code"] = (call, args, results) =>
        {
            var error = call.Borrow<IoError>(args[0], IoErrorInterface.ErrorType);
            results[0] = error.Code is string code ? ComponentVal.OwnedSome(ComponentVal.OwnedEnum(code)) : ComponentVal.None;
        },
    });

    /// <summary>
    /// A function returning <c>result&lt;T, error-code&gt;</c>: <c>ok</c> of what <paramref name="operation"/> returns
    /// (null for <c>result&lt;_, error-code&gt;</c>), or <c>err</c> of the code its failure maps to.
    /// </summary>
    private static HostFunction Fs(FilesystemOperation operation) => (call, args, results) =>
    {
        ComponentVal? value;
        try
        {
            value = operation(call, args);
        }
        catch (Exception e) when (e is FilesystemError or IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            results[0] = Err(e is NotSupportedException ? "unsupported" : FilesystemError.CodeOf(e));
            return;
        }
        results[0] = ComponentVal.OwnedOk(value);
    };

    private delegate ComponentVal? FilesystemOperation(HostCall call, ReadOnlySpan<ComponentVal> args);

    private static Descriptor Self(HostCall call, ReadOnlySpan<ComponentVal> args) => call.Borrow<Descriptor>(args[0], DescriptorType);

    /// <summary>The components (below its mount) of <paramref name="path"/> taken from the directory <paramref name="d"/>.</summary>
    private static List<string> Resolve(Descriptor d, string path, bool follow)
    {
        d.RequireDirectory();
        return SandboxPath.Resolve(d.Root, d.Components, path, follow);
    }

    /// <summary>
    /// The host path of the entry <paramref name="path"/> (its last link not followed) taken from the directory
    /// <paramref name="d"/>, bound to the directory that holds it (<see cref="BeneathMount.Entry"/>).
    /// </summary>
    private static PinnedEntry Entry(Descriptor d, string path) => BeneathMount.Entry(d.Root, Resolve(d, path, follow: false));

    /// <summary>The <c>descriptor-stat</c> of <paramref name="components"/> below <paramref name="root"/>.</summary>
    private static ComponentVal Stat(Preopen root, IReadOnlyList<string> components, bool follow) => BeneathMount.Enforced
        ? StatRecord(BeneathMount.Stat(root, components, follow))
        : FilesystemTypes.Stat(SandboxPath.HostPath(root, components), follow);

    /// <summary>What tells file system objects apart: device and inode where the kernel says (Linux), else the full host path.</summary>
    private static string Identity(Preopen root, IReadOnlyList<string> components)
    {
        if (!BeneathMount.Enforced) return Path.GetFullPath(SandboxPath.HostPath(root, components));
        var stat = BeneathMount.Stat(root, components, follow: true);
        return stat.Device + ":" + stat.Inode;
    }

    private static bool FollowsLinks(in ComponentVal pathFlags) => pathFlags.AsFlags().Contains("symlink-follow");

    private static void RequireParent(string hostPath)
    {
        if (!Directory.Exists(Path.GetDirectoryName(hostPath))) throw new FilesystemError("no-entry");
    }

    private static ComponentVal? Sync(Descriptor d)
    {
        d.File?.Flush(flushToDisk: true);
        return null;
    }

    /// <summary>open-at(path-flags, path, open-flags, descriptor-flags) -> result&lt;descriptor, error-code&gt;.</summary>
    private static ComponentVal OpenAt(HostCall call, ReadOnlySpan<ComponentVal> args)
    {
        var dir = Self(call, args);
        var follow = FollowsLinks(args[1]);
        var components = SandboxPath.Resolve(dir.Root, dir.Components, args[2].AsString(), follow);
        var path = SandboxPath.HostPath(dir.Root, components);
        var open = args[3].AsFlags();
        var flags = args[4].AsFlags();
        bool create = open.Contains("create"), exclusive = open.Contains("exclusive"), truncate = open.Contains("truncate"), directory = open.Contains("directory");
        bool read = flags.Contains("read"), write = flags.Contains("write"), mutate = flags.Contains("mutate-directory");
        if ((write || mutate || create || truncate) && !dir.Root.Writable) throw new FilesystemError("not-permitted", "the mount is read-only");
        if (create && !dir.CanMutateDirectory) throw new FilesystemError("not-permitted");

        if (Directory.Exists(path))
        {
            if (create && exclusive) throw new FilesystemError("exist");
            if (write || truncate) throw new FilesystemError("is-directory");
            if (BeneathMount.Enforced)
            {
                // The directory must still be below the mount now (not a link swapped in since the check).
                BeneathMount.Open(dir.Root, components, LinuxFiles.OPath | LinuxFiles.ODirectory | (follow ? 0 : LinuxFiles.ONoFollow)).Dispose();
            }
            return call.Own(DescriptorType, Descriptor.Directory(dir.Root, components, mutate && dir.Root.Writable));
        }
        if (directory)
        {
            if (File.Exists(path)) throw new FilesystemError("not-directory");
            throw new FilesystemError("no-entry");
        }
        if (!follow && new FileInfo(path).LinkTarget is not null) throw new FilesystemError("loop", "the path is a symbolic link and symlink-follow is not set");
        var exists = File.Exists(path);
        if (exists && create && exclusive) throw new FilesystemError("exist");
        if (!exists && !create) throw new FilesystemError("no-entry");
        if (!exists) RequireParent(path);
        var mode = !exists ? FileMode.CreateNew : truncate ? FileMode.Truncate : FileMode.Open;
        var access = write || truncate ? (read ? FileAccess.ReadWrite : FileAccess.Write) : FileAccess.Read;
        var stream = BeneathMount.Enforced ? OpenBeneath(dir.Root, components, mode, access, follow) : new FileStream(path, new FileStreamOptions
        {
            Mode = mode,
            Access = access,
            Share = FileShare.ReadWrite | FileShare.Delete,
            Options = FileOptions.RandomAccess,
        });
        return call.Own(DescriptorType, Descriptor.ForFile(dir.Root, components, stream, read || !write, write));
    }

    /// <summary>
    /// The file opened by the kernel below the mount (<see cref="BeneathMount"/>): what the checks above saw may have
    /// changed since, and the open fails rather than leave the mount.
    /// </summary>
    private static FileStream OpenBeneath(Preopen root, IReadOnlyList<string> components, FileMode mode, FileAccess access, bool follow)
    {
        var flags = access switch
        {
            FileAccess.ReadWrite => LinuxFiles.OReadWrite,
            FileAccess.Write => LinuxFiles.OWriteOnly,
            _ => LinuxFiles.OReadOnly,
        };
        flags |= mode switch
        {
            FileMode.CreateNew => LinuxFiles.OCreate | LinuxFiles.OExclusive,
            FileMode.Truncate => LinuxFiles.OTruncate,
            _ => 0,
        };
        if (!follow) flags |= LinuxFiles.ONoFollow;
        flags |= LinuxFiles.ONonBlock; // a FIFO swapped in must not block the open (regular files ignore it)
        var handle = BeneathMount.Open(root, components, flags, mode: 0b110_110_110); // 0666, less the umask, as .NET creates files
        try
        {
            if (LinuxFiles.Stat(handle).Type != "regular-file") throw new FilesystemError("invalid", "not a regular file");
            return new FileStream(handle, access, bufferSize: 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// set-times: each of data-access and data-modification is a <c>new-timestamp</c> (no-change, now, timestamp); set
    /// through <paramref name="file"/> when the descriptor is an open file, else through a handle opened below the mount.
    /// </summary>
    private static void SetTimes(Preopen root, IReadOnlyList<string> components, bool follow, in ComponentVal access, in ComponentVal modification, FileStream? file)
    {
        DateTime? a = NewTimestamp(access), m = NewTimestamp(modification);
        if (file is not null || BeneathMount.Enforced)
        {
            using var opened = file is null ? BeneathMount.Open(root, components, LinuxFiles.OReadOnly | (follow ? 0 : LinuxFiles.ONoFollow)) : null;
            var handle = file?.SafeFileHandle ?? opened!;
            if (a is { } at) File.SetLastAccessTimeUtc(handle, at);
            if (m is { } mt) File.SetLastWriteTimeUtc(handle, mt);
            return;
        }
        var hostPath = SandboxPath.HostPath(root, components);
        if (!Path.Exists(hostPath)) throw new FilesystemError("no-entry");
        if (a is { } pa) File.SetLastAccessTimeUtc(hostPath, pa);
        if (m is { } pm) File.SetLastWriteTimeUtc(hostPath, pm);
    }

    private static System.DateTime? NewTimestamp(in ComponentVal value) => value.AsVariant(out var payload) switch
    {
        "now" => System.DateTime.UtcNow,
        "timestamp" when payload is { } p => FromDateTime(p),
        _ => null,
    };

    /// <summary>
    /// A 128-bit hash that tells objects apart: of the device and inode and the last write time on Linux; elsewhere of
    /// the full path and the last write time (no portable inode number there).
    /// </summary>
    private static ComponentVal MetadataHash(Preopen root, IReadOnlyList<string> components, bool follow)
    {
        string key;
        if (BeneathMount.Enforced)
        {
            var stat = BeneathMount.Stat(root, components, follow);
            key = stat.Device + ":" + stat.Inode + "\n" + stat.Modification.Ticks;
        }
        else
        {
            var hostPath = SandboxPath.HostPath(root, components);
            if (!Path.Exists(hostPath)) throw new FilesystemError("no-entry");
            key = Path.GetFullPath(hostPath) + "\n" + File.GetLastWriteTimeUtc(hostPath).Ticks;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var record = ComponentVal.OwnedRecord(2);
        ComponentVal.SetField(ref record, 0, "lower", ComponentVal.U64(BitConverter.ToUInt64(hash, 0)));
        ComponentVal.SetField(ref record, 1, "upper", ComponentVal.U64(BitConverter.ToUInt64(hash, 8)));
        return record;
    }
}
