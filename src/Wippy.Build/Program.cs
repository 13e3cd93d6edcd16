using Wippy.Build;

// wippy-build inspect --root <registry root> --out <facts file> --copy-list <file>
return BuildCommand.Run(args, Console.Error);
