package org.concretelab.cli;

import picocli.CommandLine;

/** Reports the version written into the jar's manifest by the build. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = ExplorerCommand.class.getPackage().getImplementationVersion();
        return new String[] {"concrete-explorer " + (v == null ? "(development build)" : v)};
    }
}
