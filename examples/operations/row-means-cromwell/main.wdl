workflow RowMeans {
    File matrix

    call compute {
        input:
            matrix = matrix
    }

    output {
        File means = compute.means
    }
}

task compute {
    File matrix

    command <<<
        awk -F'\t' 'NR == 1 { print $1 "\trow_mean"; next }
            { s = 0; n = 0; for (i = 2; i <= NF; i++) if ($i != "" && $i != "NA") { s += $i; n++ }
              print $1 "\t" (n > 0 ? s / n : "NA") }' ${matrix} > means.tsv
    >>>

    output {
        File means = "means.tsv"
    }

    runtime {
        docker: "docker.io/ubuntu:22.04"
        cpu: 1
        memory: "1 G"
    }
}
