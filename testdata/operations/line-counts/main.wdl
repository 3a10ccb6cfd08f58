version 1.0

workflow LineCounts {
    input {
        Array[File] tables
        String names
        Int with_header = 1
    }

    scatter (t in tables) {
        call count {
            input:
                table = t,
                with_header = with_header
        }
    }

    call summarize {
        input:
            counts = count.n,
            names = names
    }

    output {
        File summary = summarize.summary
        Array[File] per_table = count.report
        Int total = summarize.total
    }
}

task count {
    input {
        File table
        Int with_header
    }

    command <<<
        set -e
        n=$(wc -l < ~{table})
        echo $(( n - ~{with_header} )) > n.txt
        printf 'table\trows\n%s\t%s\n' "$(basename ~{table} | tr -c 'A-Za-z0-9\n' _)" "$(cat n.txt)" > report.tsv
    >>>

    output {
        Int n = read_int("n.txt")
        File report = "report.tsv"
    }

    runtime {
        docker: "docker.io/debian:bookworm-slim"
        cpu: 1
        memory: "1 GB"
    }
}

task summarize {
    input {
        Array[Int] counts
        String names
    }

    command <<<
        set -e
        printf 'name\trows\n' > summary.tsv
        paste <(echo "~{names}" | tr ',' '\n') <(printf '%s\n' ~{sep=' ' counts}) >> summary.tsv
        echo $(( ~{sep='+' counts} )) > total.txt
    >>>

    output {
        File summary = "summary.tsv"
        Int total = read_int("total.txt")
    }

    runtime {
        docker: "ghcr.io/web-mev/line-counts"
        cpu: 1
        memory: "1 GB"
    }
}
